using Microsoft.AspNetCore.Http.Features;

namespace Tadamon.Gateway;

/// <summary>
/// A body over the route's limit (1 MB, 8 MB for photo uploads) is refused before it is read, with a problem in the
/// caller's language. Kestrel alone would answer a bare 413 that a form or an app cannot explain to anyone.
/// </summary>
public static class BodyLimits
{
    public static IReverseProxyApplicationBuilder UseBodyLimits(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            // YARP has set the route's own limit on this feature by the time its pipeline runs.
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (context.Request.ContentLength is { } length && limit is { } max && length > max)
            {
                var megabytes = Math.Max(1, max / (1024 * 1024));
                await Problems.Problem(context, StatusCodes.Status413PayloadTooLarge,
                    $"Envoi trop volumineux : {megabytes} Mo au plus.", $"الإرسال كبير جدا: {megabytes} ميغابايت على الأكثر.", "body-too-large")
                    .ExecuteAsync(context);
                return;
            }
            await next();
        });
        return proxy;
    }
}
