using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The platform's abuse limits, shared by the gateway (APIs) and the web (its forms): a token bucket per client whose
/// size and refill come from <c>{section}:{policy}:PermitLimit</c> and <c>WindowSeconds</c>, and whose key the caller
/// picks (an address, a login name, a signed-in person).
/// </summary>
public static class ClientRateLimits
{
    /// <summary>
    /// Adds <paramref name="policy"/>; <paramref name="partitionKey"/> null means "not limited" for that request.
    /// A limit is what one client may do across the whole platform. Counters live in each replica's memory, so with
    /// <paramref name="replicas"/> replicas behind a balancer each allows its share (the limit divided by the count,
    /// rounded up, at least one): a client spread over the replicas gets the limit in all, and one pinned to a single
    /// replica gets less, never more. A shared counter would cost a round trip to a store on every request.
    /// </summary>
    public static RateLimiterOptions AddTokenBucket(this RateLimiterOptions limiter, IConfiguration section, string policy,
        int defaultPermits, int defaultSeconds, Func<HttpContext, string?> partitionKey, int replicas = 1)
    {
        var permits = SharePerReplica(section.GetValue($"{policy}:PermitLimit", defaultPermits), replicas);
        var window = TimeSpan.FromSeconds(section.GetValue($"{policy}:WindowSeconds", defaultSeconds));
        limiter.AddPolicy(policy, context => partitionKey(context) is { } key
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
        return limiter;
    }

    /// <summary>One replica's share of a platform-wide limit.</summary>
    public static int SharePerReplica(int permits, int replicas) => Math.Max(1, (permits + Math.Max(1, replicas) - 1) / Math.Max(1, replicas));

    /// <summary>The id of the signed-in person, whichever way they signed in (bearer token or the web's cookie).</summary>
    public static string? PersonOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { } subject ? $"user|{subject}" : null;

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Sets <c>Retry-After</c> (whole seconds, at least one) from the refused lease.</summary>
    public static void SetRetryAfter(OnRejectedContext context)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}
