using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tadamon.Contracts;

namespace Tadamon.Messaging.Tests;

public sealed record DonationPledged(Guid CooperativeId, decimal AmountMad) : IntegrationEvent;

public sealed record PoisonPledge(Guid CooperativeId) : IntegrationEvent;

/// <summary>A running total per cooperative: applying a pledge twice would show as a wrong total.</summary>
public sealed class PledgeTotal
{
    public Guid CooperativeId { get; init; }
    public decimal TotalMad { get; set; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<PledgeTotal> Totals => Set<PledgeTotal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PledgeTotal>().HasKey(t => t.CooperativeId);
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>Counts every delivery, including the copies the inbox drops, so tests can tell a duplicate really arrived.</summary>
public static class Deliveries
{
    private static readonly ConcurrentDictionary<Guid, int> Seen = new();
    public static void Record(Guid eventId) => Seen.AddOrUpdate(eventId, 1, (_, n) => n + 1);
    public static int Of(Guid eventId) => Seen.TryGetValue(eventId, out var n) ? n : 0;
}

public sealed class DonationPledgedConsumer(TestDbContext db, ILogger<DonationPledgedConsumer> logger)
    : InboxConsumer<DonationPledged, TestDbContext>(db, logger), IConsumer<Batch<DonationPledged>>
{
    public new async Task Consume(ConsumeContext<Batch<DonationPledged>> context)
    {
        foreach (var message in context.Message) Deliveries.Record(message.Message.EventId);
        await base.Consume(context);
    }

    protected override async Task HandleAsync(DonationPledged message, ConsumeContext<DonationPledged> context)
    {
        // A negative pledge is this model's poison: it fails every time, whatever batch it arrives in.
        if (message.AmountMad < 0) throw new InvalidOperationException("A pledge cannot be negative.");
        var total = await Db.Totals.FindAsync([message.CooperativeId], context.CancellationToken);
        if (total is null) Db.Totals.Add(new PledgeTotal { CooperativeId = message.CooperativeId, TotalMad = message.AmountMad });
        else total.TotalMad += message.AmountMad;
    }
}

public sealed class PoisonPledgeConsumer(TestDbContext db, ILogger<PoisonPledgeConsumer> logger)
    : InboxConsumer<PoisonPledge, TestDbContext>(db, logger)
{
    protected override Task HandleAsync(PoisonPledge message, ConsumeContext<PoisonPledge> context) =>
        throw new InvalidOperationException("This pledge can never be applied.");
}

public sealed record FlakyPledge(Guid CooperativeId, decimal AmountMad) : IntegrationEvent;

/// <summary>Fails while a downstream cause is "broken", then applies normally: what a replay is for.</summary>
public sealed class FlakyPledgeConsumer(TestDbContext db, ILogger<FlakyPledgeConsumer> logger)
    : InboxConsumer<FlakyPledge, TestDbContext>(db, logger)
{
    public static volatile bool Broken = true;

    protected override Task HandleAsync(FlakyPledge message, ConsumeContext<FlakyPledge> context)
    {
        if (Broken) throw new InvalidOperationException("The ledger is unavailable.");
        Db.Totals.Add(new PledgeTotal { CooperativeId = message.CooperativeId, TotalMad = message.AmountMad });
        return Task.CompletedTask;
    }
}

public sealed record LatePledge(Guid CooperativeId, decimal AmountMad) : IntegrationEvent;

/// <summary>Depends on something that arrives later (the cooperative "becomes known"): not ready until then.</summary>
public sealed class LatePledgeConsumer(TestDbContext db, ILogger<LatePledgeConsumer> logger)
    : InboxConsumer<LatePledge, TestDbContext>(db, logger)
{
    public static readonly ConcurrentDictionary<Guid, bool> KnownCooperatives = new();

    protected override Task HandleAsync(LatePledge message, ConsumeContext<LatePledge> context)
    {
        if (!KnownCooperatives.ContainsKey(message.CooperativeId))
            throw new MessageNotReadyException($"Cooperative {message.CooperativeId} is not known yet.");
        Db.Totals.Add(new PledgeTotal { CooperativeId = message.CooperativeId, TotalMad = message.AmountMad });
        return Task.CompletedTask;
    }
}

public sealed record TracedPledge(Guid CooperativeId, decimal AmountMad) : IntegrationEvent;

/// <summary>Passes each pledge on as an event of its own: the outbox row shows whose trace it was raised under.</summary>
public sealed class TracedPledgeConsumer(TestDbContext db, ILogger<TracedPledgeConsumer> logger)
    : InboxConsumer<TracedPledge, TestDbContext>(db, logger)
{
    public static readonly ConcurrentBag<string> Headers = new();

    protected override Task HandleAsync(TracedPledge message, ConsumeContext<TracedPledge> context)
    {
        Headers.Add(string.Join(";", context.Headers.GetAll().Select(h => $"{h.Key}={h.Value}")));
        Db.AddIntegrationEvent(new DonationPledged(message.CooperativeId, message.AmountMad));
        return Task.CompletedTask;
    }
}

/// <summary>A signal every replica must act on (as catalog's market cache eviction).</summary>
public sealed record ReplicaPing(Guid Id);

public sealed class ReplicaPingConsumer(LeaderLease<TestDbContext> replica) : IConsumedByEveryReplica, IConsumer<ReplicaPing>
{
    /// <summary>Which replica (its own singleton, by identity) saw which ping.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<(int Replica, Guid Ping)> Seen = [];

    public Task Consume(ConsumeContext<ReplicaPing> context)
    {
        Seen.Add((System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(replica), context.Message.Id));
        return Task.CompletedTask;
    }
}
