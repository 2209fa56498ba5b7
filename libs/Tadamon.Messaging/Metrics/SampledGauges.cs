using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tadamon.Messaging.Metrics;

/// <summary>One reading of a level: a value per tag (a status), or one value with no tag.</summary>
public sealed record Reading(string? Tag, long Value);

/// <summary>
/// Levels (orders by status, people waiting) read from the service's own database every half minute by one small
/// GROUP BY, and reported from that cache: an exporter's callback never waits on the database, and the level is
/// right after a restart, which counters kept in memory would not be. Only the replica holding the service's
/// <see cref="LeaderLease{TContext}"/> reads and reports a level (the others report none), so the level is computed
/// once and a sum over replicas is still right.
/// </summary>
public static class SampledGauges
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddSampledGauge<TContext>(this IServiceCollection services, Meter meter, string name, string unit,
        string description, string? tagName, Func<TContext, CancellationToken, Task<List<Reading>>> read) where TContext : DbContext
    {
        var latest = new ConcurrentDictionary<string, long>();
        meter.CreateObservableGauge(name, () => latest.Select(r => tagName is null
            ? new Measurement<long>(r.Value)
            : new Measurement<long>(r.Value, new KeyValuePair<string, object?>(tagName, r.Key))), unit, description);
        services.TryAddSingleton<LeaderLease<TContext>>();
        return services.AddSingleton<IHostedService>(sp => new Sampler<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), name, read, latest,
            sp.GetRequiredService<LeaderLease<TContext>>(), sp.GetRequiredService<ILogger<Sampler<TContext>>>()));
    }

    /// <summary>One GROUP BY: how many rows hold each value of <paramref name="status"/>, as readings tagged with it.</summary>
    public static async Task<List<Reading>> CountByAsync<TRow, TStatus>(
        IQueryable<TRow> rows, Expression<Func<TRow, TStatus>> status, CancellationToken ct) =>
        (await rows.GroupBy(status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .ConvertAll(g => new Reading(g.Key?.ToString(), g.Count));

    internal sealed class Sampler<TContext>(IServiceScopeFactory scopes, string name, Func<TContext, CancellationToken, Task<List<Reading>>> read,
        ConcurrentDictionary<string, long> latest, LeaderLease<TContext> lease, ILogger<Sampler<TContext>> logger) : BackgroundService where TContext : DbContext
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    if (!await lease.TryHoldAsync(stoppingToken))
                    {
                        latest.Clear(); // another replica reports this level
                        continue;
                    }
                    await using var scope = scopes.CreateAsyncScope();
                    var readings = await read(scope.ServiceProvider.GetRequiredService<TContext>(), stoppingToken);
                    // A status nobody is in any more reads 0, not its last count.
                    foreach (var key in latest.Keys.Except(readings.Select(r => r.Tag ?? ""))) latest[key] = 0;
                    foreach (var reading in readings) latest[reading.Tag ?? ""] = reading.Value;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug(ex, "Could not sample {Gauge}; keeping the last reading", name); // the database alarm says why
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
