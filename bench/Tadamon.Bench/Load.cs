using System.Diagnostics;

namespace Tadamon.Bench;

/// <summary>What one scenario measured: throughput, latency percentiles and errors.</summary>
public sealed record LoadResult(string Name, int Requests, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send the next request as soon as the previous one answered,
/// for a fixed time. Bounded in time and count, and aimed at loopback only.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(
        string name, int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> request, TimeSpan? warmup = null)
    {
        if (warmup is { } w) await RunWorkersAsync(concurrency, w, request, null);
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var started = Stopwatch.GetTimestamp();
        await RunWorkersAsync(concurrency, duration, request, (worker, ms, ok) =>
        {
            (latencies[worker] ??= new List<double>(4096)).Add(ms);
            if (!ok) errors[worker]++;
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static async Task RunWorkersAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> request,
        Action<int, double, bool>? record)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var i = worker;
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await request(i, CancellationToken.None); }
                catch (HttpRequestException) { ok = false; }
                record?.Invoke(worker, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, ok);
                i += concurrency;
            }
        })));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
