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

        var status = await cache.StatusAsync(() => health.CheckHealthAsync(CancellationToken.None), clock);
        return TypedResults.Json(new { status = status.ToString() }, statusCode: StatusOf(status));
    }

    private static int StatusOf(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
}

/// <summary>The last overall status, shared by anonymous callers until it is <see cref="HealthResponse.PublicReportAge"/> old.</summary>
internal sealed class PublicHealthReport
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private (HealthStatus Status, DateTimeOffset At)? _last;

    public async Task<HealthStatus> StatusAsync(Func<Task<HealthReport>> check, TimeProvider clock)
    {
        if (_last is { } fresh && clock.GetUtcNow() - fresh.At < HealthResponse.PublicReportAge) return fresh.Status;
        await _one.WaitAsync();
        try
        {
            // Whoever waited behind the one who ran the checks reads their result.
            if (_last is { } again && clock.GetUtcNow() - again.At < HealthResponse.PublicReportAge) return again.Status;
            var report = await check();
            _last = (report.Status, clock.GetUtcNow());
            return report.Status;
        }
        finally
        {
            _one.Release();
        }
    }
}
