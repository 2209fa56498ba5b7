namespace Tadamon.Gateway;

/// <summary>
/// Headers every answer of the platform carries to browsers. API answers are data, never pages, so they get
/// the strictest policy; the API reference page needs its own scripts and styles.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.XFrameOptions = "DENY";
            // Only over TLS (the scheme a trusted proxy reports, see ForwardedHeaderTrust): on plain http it would
            // mean nothing, and on a developer's machine it would pin localhost to https for a year.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/webhooks"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}
