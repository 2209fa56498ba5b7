using Scalar.AspNetCore;

namespace Tadamon.Gateway;

public static class Extensions
{
    /// <summary>Largest request body the platform accepts, but for product photo uploads (<see cref="MaxPhotoUploadBytes"/>).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// A photo upload's body, on its two routes only: catalog refuses a photo over 5 MB itself, with a message in the
    /// person's language; up to this size it gets the chance to say so.
    /// </summary>
    public const long MaxPhotoUploadBytes = 8 * 1024 * 1024;

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        // Browsers reach the platform from its own origin; other origins are allowed only when configured.
        var origins = builder.Configuration.GetSection("Gateway:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After")));
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes.All(), Routes.Clusters())
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary><c>/docs</c>: one reference page listing every service's OpenAPI document, fetched through the gateway.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Tadamon API");
            foreach (var service in Routes.Services)
            {
                options.AddDocument(service, service, $"/api/{service}/openapi/v1.json");
            }
        });
        return app;
    }
}
