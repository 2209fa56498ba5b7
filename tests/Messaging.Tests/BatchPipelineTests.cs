using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Messaging.DeadLetters;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Messaging.Tests;

/// <summary>The batched pipeline's promises, against the real PostgreSQL and RabbitMQ of the test run.</summary>
public sealed class BatchPipelineTests(MessagingHost platform) : IClassFixture<MessagingHost>
{
    [Fact]
    public async Task When_a_batch_holds_one_poison_message_Should_apply_the_others_and_park_only_the_poison()
    {
        using var service = await platform.StartServiceAsync();
        var bus = service.Services.GetRequiredService<IBus>();
        var good = Enumerable.Range(1, 30).Select(i => new DonationPledged(Guid.NewGuid(), i)).ToList();
        var poison = new DonationPledged(Guid.NewGuid(), -1m);

        // Published together, so they meet in the consumer's batches.
        await Task.WhenAll(good.Append(poison).Select(p => bus.Publish(p, ctx => ctx.MessageId = p.EventId)));

        foreach (var pledge in good)
        {
            await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) == pledge.AmountMad,
                "every good pledge applied", TimeSpan.FromSeconds(30));
        }
        var deadLetters = service.Services.GetRequiredService<DeadLetterQueues>();
        var parked = await Eventually.GetAsync(async () =>
            (await deadLetters.ListAsync(100, CancellationToken.None)).FirstOrDefault(l => l.MessageId == poison.EventId.ToString()),
            "the poison pledge among the dead letters", TimeSpan.FromSeconds(30));
        Assert.Equal("messaging-tests-donation-pledged_error", parked.Queue);
        Assert.Contains("cannot be negative", parked.Error);
        Assert.DoesNotContain(await deadLetters.ListAsync(100, CancellationToken.None),
            l => good.Any(g => g.EventId.ToString() == l.MessageId));

        await using var db = platform.NewContext();
        Assert.False(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == poison.EventId),
            "the poison message must not be remembered as handled, or its replay would be dropped");
        Assert.Null(await platform.TotalOfAsync(poison.CooperativeId));
        await service.StopAsync();
    }

    [Fact]
    public async Task When_an_outbox_row_cannot_be_read_Should_park_it_and_let_the_rows_behind_it_flow()
    {
        var unreadable = new OutboxMessage
        {
            Id = Guid.NewGuid(), Type = "Tadamon.Nowhere.VanishedEvent, Tadamon.Nowhere", Payload = "{}",
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), // first in line
        };
        var pledge = new DonationPledged(Guid.NewGuid(), 12m);
        await using (var db = platform.NewContext())
        {
            db.Set<OutboxMessage>().Add(unreadable);
            db.AddIntegrationEvent(pledge);
            await db.SaveChangesAsync();
        }

        using var service = await platform.StartServiceAsync();
        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) == 12m, "the pledge behind it to flow");
        var row = await Eventually.GetAsync(async () => await platform.OutboxRowAsync(unreadable.Id) is { ParkedAt: not null } r ? r : null,
            "the unreadable row to be parked");
        Assert.Null(row.DispatchedAt);
        Assert.Contains("unknown event type", row.LastError);

        var parked = service.Services.GetServices<IParkedMessages>().Single(p => p.GetType().Name.StartsWith("ParkedOutbox"));
        var listed = Assert.Single(await parked.ListAsync(100, CancellationToken.None), l => l.MessageId == unreadable.Id.ToString());
        Assert.Equal("outbox", listed.Queue);

        // A replay puts it back in line; still unreadable, it is parked again instead of blocking or spinning.
        Assert.True(await parked.ReplayAsync(unreadable.Id.ToString(), CancellationToken.None));
        await Eventually.TrueAsync(async () => await platform.OutboxRowAsync(unreadable.Id) is { ParkedAt: not null }, "the row parked again");
        Assert.True(await parked.DiscardAsync(unreadable.Id.ToString(), CancellationToken.None));
        Assert.Null(await platform.OutboxRowAsync(unreadable.Id));
        await service.StopAsync();
    }

    [Fact]
    public async Task When_a_message_arrives_before_what_it_needs_Should_wait_and_apply_it_once_it_can()
    {
        using var service = await platform.StartServiceAsync();
        var pledge = new LatePledge(Guid.NewGuid(), 33m);
        await service.Services.GetRequiredService<IBus>().Publish(pledge, ctx => ctx.MessageId = pledge.EventId);

        await Eventually.TrueAsync(async () =>
        {
            await using var db = platform.NewContext();
            return await db.Set<DeferredMessage>().AnyAsync(m => m.MessageId == pledge.EventId && m.Attempts >= 2);
        }, "the pledge deferred and redelivered at least once", TimeSpan.FromSeconds(30));

        LatePledgeConsumer.KnownCooperatives[pledge.CooperativeId] = true;
        await Eventually.TrueAsync(async () => await platform.TotalOfAsync(pledge.CooperativeId) == 33m,
            "the pledge applied once its cooperative is known", TimeSpan.FromSeconds(30));
        var deadLetters = service.Services.GetRequiredService<DeadLetterQueues>();
        Assert.DoesNotContain(await deadLetters.ListAsync(100, CancellationToken.None), l => l.MessageId == pledge.EventId.ToString());
        await service.StopAsync();
    }

    [Fact]
    public async Task When_messages_of_different_traces_share_a_batch_Should_raise_each_event_under_its_own_trace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var service = await platform.StartServiceAsync();
        var bus = service.Services.GetRequiredService<IBus>();

        var traces = new Dictionary<Guid, string>();
        var publishes = new List<Task>();
        for (var i = 0; i < 12; i++)
        {
            var pledge = new TracedPledge(Guid.NewGuid(), i + 1);
            using var checkout = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
            traces[pledge.CooperativeId] = checkout.TraceId.ToHexString();
            publishes.Add(bus.Publish(pledge, ctx => ctx.MessageId = pledge.EventId));
        }
        await Task.WhenAll(publishes);

        foreach (var (cooperativeId, trace) in traces)
        {
            var row = await Eventually.GetAsync(async () =>
            {
                await using var db = platform.NewContext();
                return (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains("DonationPledged")).ToListAsync())
                    .FirstOrDefault(m => m.Payload.Contains(cooperativeId.ToString()));
            }, "the relayed event in the outbox");
            Assert.True(row.TraceParent?.Contains(trace) == true,
                $"{row.TraceParent} is not of trace {trace}; headers seen: {string.Join(" | ", TracedPledgeConsumer.Headers.Take(2))}");
        }
        await service.StopAsync();
    }

    [Fact]
    public async Task When_rows_are_older_than_the_retention_age_Should_delete_them_and_keep_the_recent_ones()
    {
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await using (var db = platform.NewContext())
        {
            db.Set<InboxMessage>().AddRange(
                new InboxMessage { MessageId = old, Consumer = "retention-test", ProcessedAt = DateTimeOffset.UtcNow.AddDays(-8) },
                new InboxMessage { MessageId = recent, Consumer = "retention-test", ProcessedAt = DateTimeOffset.UtcNow.AddDays(-1) });
            await db.SaveChangesAsync();
        }
        using var service = await platform.StartServiceWithoutDispatchAsync();
        var retention = service.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<MessagingRetention<TestDbContext>>().Single();

        Assert.True(await retention.DeleteExpiredAsync(CancellationToken.None) >= 1);

        await using var check = platform.NewContext();
        var left = await check.Set<InboxMessage>().Where(m => m.Consumer == "retention-test").Select(m => m.MessageId).ToListAsync();
        Assert.Equal([recent], left);
        await service.StopAsync();
    }
}
