using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Tadamon.Gateway;

/// <summary>
/// Abuse limits at the edge, per client: sign-in per address and login name (password guessing, credential
/// stuffing), checkout and pre-registration per signed-in person (falling back to the address), courier webhooks
/// per address. Each is a token bucket whose size and refill come from <c>Gateway:RateLimits:{policy}</c>, so a
/// load test can raise them without touching code. A refusal is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Checkout = "checkout";
    public const string PreRegistration = "pre-registration";
    public const string Webhooks = "webhooks";

    private const string LoginNameItem = "tadamon.login-name";

    /// <summary>Defaults: permits per window, and the window in seconds.</summary>
    private static readonly Dictionary<string, (int Permits, int Seconds)> Defaults = new()
    {
        [Login] = (10, 60),
        [Checkout] = (30, 60),
        [PreRegistration] = (30, 60),
        [Webhooks] = (2000, 1),
    };

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Gateway:RateLimits");
        builder.Services.AddRateLimiter(limiter =>
        {
            foreach (var (policy, fallback) in Defaults)
            {
                var permits = section.GetValue($"{policy}:PermitLimit", fallback.Permits);
                var window = TimeSpan.FromSeconds(section.GetValue($"{policy}:WindowSeconds", fallback.Seconds));
                limiter.AddPolicy(policy, context => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(policy, context),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = permits,
                        TokensPerPeriod = permits,
                        ReplenishmentPeriod = window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            }
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Problem(http, StatusCodes.Status429TooManyRequests,
                    "Trop de demandes : réessayez dans un instant.", "طلبات كثيرة جدا: أعد المحاولة بعد قليل.", "rate-limited").ExecuteAsync(http);
            };
        });
        return builder;
    }

    /// <summary>
    /// Reads the login name of a sign-in (token request or web form) before the limiter runs, so each name gets its own bucket from one
    /// address; the body is buffered and rewound for the proxy.
    /// </summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
                && Routes.SignInPaths.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
            {
                context.Request.EnableBuffering();
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Items[LoginNameItem] = form["username"].ToString().Trim().ToLowerInvariant();
                context.Request.Body.Position = 0;
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static string PartitionKey(string policy, HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return policy switch
        {
            Login => $"{address}|{context.Items[LoginNameItem] as string}",
            Checkout or PreRegistration when context.User.FindFirst("sub")?.Value is { } subject => $"user|{subject}",
            _ => address,
        };
    }
}
