using Microsoft.AspNetCore.Http.Features;

namespace Tadamon.Gateway;

/// <summary>
/// A body over the route's limit (1 MB, 8 MB for photo uploads) is refused before it reaches a service, with a
/// problem in the caller's language. Kestrel alone would answer a bare 413 that a form or an app cannot explain.
/// </summary>
public static class BodyLimits
{
    /// <summary>
    /// Up to this many times the limit, the body is read and thrown away before answering: a browser or client still
    /// sending when the answer comes gets a reset connection instead of the message. Beyond it the connection is
    /// closed at once rather than spend the bandwidth.
    /// </summary>
    private const int DrainedMultiple = 4;

    public static IReverseProxyApplicationBuilder UseBodyLimits(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            // YARP applies a route's own limit after this pipeline step, so it is read from the route here:
            // null is the server's limit, -1 none.
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            var max = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize switch
            {
                null => feature?.MaxRequestBodySize,
                -1 => null,
                var route => route,
            };
            if (context.Request.ContentLength is not { } length || max is null || length <= max || feature is null)
            {
                await next();
                return;
            }
            if (length <= max.Value * DrainedMultiple && !feature.IsReadOnly)
            {
                feature.MaxRequestBodySize = length;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            else
            {
                context.Response.Headers.Connection = "close";
            }
            var megabytes = Math.Max(1, max.Value / (1024 * 1024));
            await Problems.Problem(context, StatusCodes.Status413PayloadTooLarge,
                $"Envoi trop volumineux : {megabytes} Mo au plus.", $"الإرسال كبير جدا: {megabytes} ميغابايت على الأكثر.", "body-too-large")
                .ExecuteAsync(context);
        });
        return proxy;
    }
}
