using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Tadamon service shares: telemetry, health, service discovery, resilient HTTP clients,
/// problem details and OpenAPI. Each service calls <see cref="AddServiceDefaults"/> once and
/// <see cref="MapDefaultEndpoints"/> once.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>Activity sources of our own code (outbox dispatch, consumers, webhooks).</summary>
    public const string TadamonActivitySource = "Tadamon";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        MoroccoTime.EnsureAvailable();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddTokenAuthentication();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = ctx =>
            {
                ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
                BadRequestProblems.Describe(ctx);
            });
        // Bad input is the caller's fault in every environment: a 400 problem, never a 500. Binding failures are
        // thrown (not answered bare) so the exception handler's problem can name the field and what it accepts.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // A caller's bad input is not an error of ours: no error log, no failed span for it.
            o.SuppressDiagnosticsCallback = ctx => ctx.Exception is BadHttpRequestException;
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PublicHealthReport>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Enums travel as their names ("Confirmed", "Hybrid"), which clients and people can read.
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // No control characters in any text a caller sends (see RequestText).
            json.SerializerOptions.Converters.Add(new PlainTextJsonConverter());
        });
        builder.Services.AddSingleton<CallerAccessor>();
        builder.Services.AddOpenApi(OpenApiConventions.Configure);
        builder.Services.DescribeStringsAsStrings();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Each service's business meter is named Tadamon.<Service> (checkouts, orders by status, seats...).
                .AddMeter("MassTransit", "Npgsql", TadamonActivitySource, "Microsoft.EntityFrameworkCore", "Tadamon.*"))
            .WithTracing(tracing => tracing
                .AddTadamonSampling(TraceSampling.RatioFrom(builder.Configuration, builder.Environment))
                .AddSource(builder.Environment.ApplicationName, TadamonActivitySource, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes every few seconds would drown the traces people look for.
                    o.Filter = ctx => !IsHealthPath(ctx.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// The pipeline every service shares. The gateway strips <c>/api/{service}</c> and sends it as
    /// <c>X-Forwarded-Prefix</c>, which becomes the path base so OpenAPI documents point back through the gateway.
    /// <c>/alive</c> answers while the process runs; <c>/health</c> only when every dependency (database,
    /// broker) does, with the details for operators only. Both are mapped in every environment: the gateway and the
    /// orchestrator use them. Forwarded headers are believed only from configured proxies (see ForwardedHeaderTrust).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        app.UseRequestTextRules();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTokenAuthentication();

        app.MapGet("/health", HealthResponse.AnswerAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapOpenApi();
        return app;
    }

    private static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
