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
}

/// <summary>
/// Publishes committed outbox rows to the broker and marks them dispatched. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> so replicas share the work; a row is marked only after the broker confirmed it,
/// so a crash in between re-publishes it with the same message id and consumers' inboxes drop the copy.
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
                var dispatched = await DispatchPendingAsync(stoppingToken);
                if (dispatched == options.Value.BatchSize) continue; // more are waiting
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

    /// <summary>Publishes one batch of pending rows; returns how many were claimed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var batch = options.Value.BatchSize;
        var rows = await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAt == null)
            .OrderBy(m => m.CreatedAt)
            .Take(batch)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;

        // Published concurrently: each awaits its own publisher confirm. Consumers tolerate reordering.
        await Task.WhenAll(rows.Select(row => PublishAsync(row, ct)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        using var activity = Source.StartActivity(
            $"outbox publish {row.Type.Split(',')[0].Split('.')[^1]}", ActivityKind.Producer, row.TraceParent);
        // A publish waits for the broker's confirm. Measured: when the broker was SIGKILLed mid-publish, that wait
        // never ended, the round kept its rows locked, and shipping's outbox stopped for good (1,782 events stuck).
        // Bounded, the row is simply retried next round; the inbox drops the copy if the first publish did land.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            var message = EventTypes.FromOutboxMessage(row);
            await bus.Publish(message, message.GetType(), ctx => ctx.MessageId = row.Id, timeout.Token);
            row.DispatchedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            row.Attempts++;
            row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Could not publish outbox message {MessageId} ({Type}), attempt {Attempt}", row.Id, row.Type, row.Attempts);
        }
    }
}
