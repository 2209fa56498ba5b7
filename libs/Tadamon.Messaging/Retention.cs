using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tadamon.Messaging;

public sealed class RetentionOptions
{
    /// <summary>How long handled inbox rows, dispatched outbox rows and other finished records are kept.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Rows per DELETE: short statements keep locks and WAL bursts small beside live traffic.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>A table whose finished rows are deleted once older than the retention age; the names are code, never input.</summary>
public sealed record RetentionTarget(string Table, string FinishedAtColumn, string? AlsoWhere = null);

/// <summary>
/// Deletes what the messaging tables no longer need (handled inbox claims, dispatched outbox rows, redelivered
/// deferrals, and any <see cref="RetentionTarget"/> a service adds) in small batches, so tables stay small under
/// months of traffic, in the replica holding the service's <see cref="LeaderLease{TContext}"/>. A message redelivered after its claim is gone would be applied again: the age is far beyond
/// any broker redelivery, and parked messages were never claimed.
/// </summary>
public sealed class MessagingRetention<TContext>(
    IServiceScopeFactory scopes, IEnumerable<RetentionTarget> extraTargets, IOptions<RetentionOptions> options,
    LeaderLease<TContext> lease, ILogger<MessagingRetention<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly RetentionTarget[] Own =
    [
        new("inbox_messages", "processed_at"),
        new("outbox_messages", "dispatched_at"),
        new("deferred_messages", "first_deferred_at", "next_attempt_at IS NULL"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken); // not in the way of a start
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // One replica deletes: several would only queue behind each other's row locks on the same rows.
                    var deleted = await lease.TryHoldAsync(stoppingToken) ? await DeleteExpiredAsync(stoppingToken) : 0;
                    if (deleted > 0) logger.LogInformation("Retention deleted {Count} finished messaging rows", deleted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Retention round failed; trying again later");
                }
                await Task.Delay(options.Value.Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var cutoff = DateTimeOffset.UtcNow - options.Value.KeepFor;
        var total = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        foreach (var target in Own.Concat(extraTargets))
        {
            // ctid batches: each statement stops after BatchSize old rows (oldest first in heap order).
            var also = target.AlsoWhere is null ? "" : $" AND {target.AlsoWhere}";
            var sql = $$"""
                DELETE FROM "{{target.Table}}" WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM "{{target.Table}}" WHERE "{{target.FinishedAtColumn}}" < {0}{{also}} LIMIT {1}))
                """;
            int deleted;
            do
            {
                deleted = await db.Database.ExecuteSqlRawAsync(sql, [cutoff, options.Value.BatchSize], ct);
                total += deleted;
            } while (deleted == options.Value.BatchSize);
        }
        return total;
    }
}
