using System.Diagnostics;

namespace Tadamon.Bench;

/// <summary>What one scenario measured: throughput, latency percentiles and errors.</summary>
public sealed record LoadResult(string Name, int Requests, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
    /// <summary>Answers that were not errors, per second.</summary>
    public double OkPerSecond => (Requests - Errors) / Seconds;
}

/// <summary>Percentiles of a set of latencies (nearest rank).</summary>
public sealed record Latencies(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static Latencies Of(IEnumerable<double> ms)
    {
        var sorted = ms.Order().ToArray();
        return new(sorted.Length, Load.Percentile(sorted, 0.50), Load.Percentile(sorted, 0.95), Load.Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}

/// <summary>
/// Closed-loop loads (<c>concurrency</c> workers each send the next request as soon as the previous one answered,
/// for a fixed time or a fixed number of requests) and an open-loop load (requests start on a fixed schedule,
/// whatever the answers do). Bounded in time and count, and aimed at loopback only.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(
        string name, int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> request, TimeSpan? warmup = null)
    {
        if (warmup is { } w) await RunWorkersAsync(concurrency, w, int.MaxValue, request, null);
        // A marker a profiler script waits for before it attaches (see bench/TUNING.md).
        Console.WriteLine($"load started: {name}");
        return await MeasureAsync(name, concurrency, duration, int.MaxValue, request);
    }

    /// <summary>Requests 0..count-1, shared out between the workers; ends when all have answered.</summary>
    public static Task<LoadResult> RunCountAsync(string name, int concurrency, int count, Func<int, CancellationToken, Task<bool>> request) =>
        MeasureAsync(name, concurrency, Timeout.InfiniteTimeSpan, count, request);

    /// <summary>
    /// Request k starts at <c>k / rate</c> seconds. Latency counts from the scheduled start, so a slow platform
    /// cannot hide its queue by slowing the sender down (coordinated omission).
    /// </summary>
    public static async Task<LoadResult> RunOpenAsync(string name, double ratePerSecond, TimeSpan duration, Func<int, CancellationToken, Task<bool>> request)
    {
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(count);
        for (var k = 0; k < count; k++)
        {
            var due = TimeSpan.FromSeconds(k / ratePerSecond);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var i = k;
            inFlight.Add(Task.Run(async () =>
            {
                bool ok;
                try { ok = await request(i, CancellationToken.None); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { ok = false; }
                latencies[i] = (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref errors);
            }));
        }
        await Task.WhenAll(inFlight);
        var l = Latencies.Of(latencies);
        return new LoadResult(name, count, errors, Stopwatch.GetElapsedTime(started).TotalSeconds, l.P50Ms, l.P95Ms, l.P99Ms);
    }

    private static async Task<LoadResult> MeasureAsync(string name, int concurrency, TimeSpan duration, int count,
        Func<int, CancellationToken, Task<bool>> request)
    {
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var started = Stopwatch.GetTimestamp();
        await RunWorkersAsync(concurrency, duration, count, request, (worker, ms, ok) =>
        {
            (latencies[worker] ??= new List<double>(4096)).Add(ms);
            if (!ok) errors[worker]++;
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var l = Latencies.Of(latencies.Where(x => x is not null).SelectMany(x => x));
        return new LoadResult(name, l.Count, errors.Sum(), seconds, l.P50Ms, l.P95Ms, l.P99Ms);
    }

    private static async Task RunWorkersAsync(int concurrency, TimeSpan duration, int count,
        Func<int, CancellationToken, Task<bool>> request, Action<int, double, bool>? record)
    {
        using var stop = new CancellationTokenSource(duration);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await request(i, CancellationToken.None); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { ok = false; }
                record?.Invoke(worker, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, ok);
            }
        })));
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
