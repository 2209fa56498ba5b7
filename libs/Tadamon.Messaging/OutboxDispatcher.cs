using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tadamon.Messaging;

public sealed class OutboxOptions
{
    /// <summary>How often to look for rows nobody signalled (left by a crash, or written by another replica).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 200;
    /// <summary>How long one publish may wait for the broker's confirm before the row is left for the next round.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Failed publishes of one row (while others went through) before it is parked for an operator.</summary>
    public int MaxAttempts { get; set; } = 10;
}

/// <summary>
/// Publishes committed outbox rows to the broker. A round claims a batch of pending rows in one statement
/// (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work), publishes them concurrently, and marks the ones the
/// broker confirmed in one statement; a row is never marked before its confirm, so a crash in between re-publishes
/// it with the same message id and consumers' inboxes drop the copy. A row that cannot be read, or keeps failing
/// while others go through, is parked: it waits for an operator and never blocks the rows behind it.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly ActivitySource Source = new(ServiceDefaultsExtensions.TadamonActivitySource);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchPendingAsync(stoppingToken);
                if (published == options.Value.BatchSize) continue; // more are waiting
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Database or broker down: rows stay pending and the next round retries them.
                logger.LogWarning(ex, "Outbox dispatch round failed; retrying in {Interval}", options.Value.PollInterval);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes one batch of pending rows; returns how many were published.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var rows = await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt == null && m.ParkedAt == null)
            .OrderBy(m => m.CreatedAt)
            .Take(options.Value.BatchSize)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;

        // Published concurrently: each awaits its own publisher confirm. Consumers tolerate reordering.
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, ct)));
        var confirmed = rows.Where((_, i) => outcomes[i] == Outcome.Confirmed).Select(r => r.Id).ToList();
        var now = DateTimeOffset.UtcNow;
        if (confirmed.Count > 0)
        {
            await db.Set<OutboxMessage>().Where(m => confirmed.Contains(m.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.DispatchedAt, now), ct);
        }
        // When nothing went through the broker is away: that says nothing against the rows, so nothing is counted.
        var brokerAway = confirmed.Count == 0 && outcomes.All(o => o == Outcome.Failed);
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] == Outcome.Unreadable || (outcomes[i] == Outcome.Failed && !brokerAway && ++rows[i].Attempts >= options.Value.MaxAttempts))
            {
                rows[i].ParkedAt = now;
                logger.LogError("Outbox message {MessageId} ({Type}) parked: {Error}", rows[i].Id, rows[i].Type, rows[i].LastError);
            }
        }
        await db.SaveChangesAsync(ct); // only failed rows changed: usually no statement at all
        await tx.CommitAsync(ct);
        return confirmed.Count;
    }

    private enum Outcome { Confirmed, Failed, Unreadable }

    private async Task<Outcome> PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        using var activity = Source.StartActivity(
            $"outbox publish {row.Type.Split(',')[0].Split('.')[^1]}", ActivityKind.Producer, row.TraceParent);
        object message;
        try
        {
            message = EventTypes.FromOutboxMessage(row);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
        {
            row.LastError = Truncate($"Unreadable: {ex.Message}");
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return Outcome.Unreadable;
        }

        // A publish waits for the broker's confirm. Measured: when the broker was SIGKILLed mid-publish, that wait
        // never ended, the round kept its rows locked, and shipping's outbox stopped for good (1,782 events stuck).
        // Bounded, the row is simply retried next round; the inbox drops the copy if the first publish did land.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await bus.Publish(message, message.GetType(), ctx => ctx.MessageId = row.Id, timeout.Token);
            return Outcome.Confirmed;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            row.LastError = Truncate(ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Could not publish outbox message {MessageId} ({Type})", row.Id, row.Type);
            return Outcome.Failed;
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
