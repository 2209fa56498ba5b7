using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>/health</c> for two audiences. Anyone (the orchestrator's probe, a load balancer, the public through the
/// gateway) gets the bare status and its HTTP code, from a report at most a few seconds old, so calling it in a loop
/// does not drive queries at the database and broker. An operator's token gets a fresh report with each check, its
/// duration and its error: check names and exception messages describe the inside of the platform.
/// </summary>
internal static class HealthResponse
{
    /// <summary>How long an anonymous caller may be answered from the last report.</summary>
    public static readonly TimeSpan PublicReportAge = TimeSpan.FromSeconds(5);

    public static async Task<IResult> AnswerAsync(
        HttpContext context, HealthCheckService health, PublicHealthReport cache, CallerAccessor callers, TimeProvider clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (callers.Current.IsInRole(Roles.Operator))
        {
            var report = await health.CheckHealthAsync(context.RequestAborted);
            return TypedResults.Json(new
            {
                status = report.Status.ToString(),
                totalMs = (int)report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
            }, statusCode: StatusOf(report.Status));
        }

        var status = await cache.StatusAsync(token => health.CheckHealthAsync(token), clock, context.RequestAborted);
        return TypedResults.Json(new { status = status.ToString() }, statusCode: StatusOf(status));
    }

    private static int StatusOf(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
}

/// <summary>
/// The last overall status, shared by anonymous callers until it is <see cref="HealthResponse.PublicReportAge"/> old.
/// One run of the checks at a time, bounded by its own timeout (not the first caller's, who may hang up); each
/// caller waits for it no longer than their own request lasts.
/// </summary>
internal sealed class PublicHealthReport
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private (HealthStatus Status, DateTimeOffset At)? _last;
    private Task<HealthStatus>? _running;

    public Task<HealthStatus> StatusAsync(Func<CancellationToken, Task<HealthReport>> check, TimeProvider clock, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_last is { } fresh && clock.GetUtcNow() - fresh.At < HealthResponse.PublicReportAge) return Task.FromResult(fresh.Status);
            if (_running is null || _running.IsCompleted) _running = RunAsync(check, clock);
            return _running.WaitAsync(ct);
        }
    }

    private async Task<HealthStatus> RunAsync(Func<CancellationToken, Task<HealthReport>> check, TimeProvider clock)
    {
        HealthStatus status;
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            status = (await check(timeout.Token)).Status;
        }
        catch (OperationCanceledException)
        {
            status = HealthStatus.Unhealthy; // a dependency that does not answer in time is not ready
        }
        lock (_lock) _last = (status, clock.GetUtcNow());
        return status;
    }
}
