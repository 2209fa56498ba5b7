using MassTransit;
using Microsoft.AspNetCore.OutputCaching;
using Tadamon.Catalog.IntegrationEvents;

namespace Tadamon.Catalog.Apis;

/// <summary>
/// Anonymous market reads come from a short output cache: a campaign sends thousands of people to the same
/// pages at once. Signed-in callers always reach the database (the default policy skips requests that carry
/// <c>Authorization</c>, and managers see drafts). A catalogue edit evicts at once; stock moved by orders shows
/// within the cache's lifetime, and checkout reserves against the database, never against this copy.
/// </summary>
public static class MarketCache
{
    public const string Policy = "market";
    private const string Tag = "market";

    public static IServiceCollection AddMarketCache(this IServiceCollection services, IConfiguration configuration)
    {
        var lifetime = TimeSpan.FromSeconds(configuration.GetValue("Catalog:MarketCacheSeconds", 5));
        return services.AddOutputCache(options =>
        {
            options.SizeLimit = 32 * 1024 * 1024;
            options.AddPolicy(Policy, policy => policy.Expire(lifetime).Tag(Tag));
        });
    }

    /// <summary>
    /// After a successful change to what buyers see, drops every cached market answer here at once, and tells the
    /// other replicas to drop theirs (<see cref="MarketChanged"/>, straight to the broker: a lost signal costs at most
    /// the cache's lifetime of staleness, so it does not need the outbox's guarantee).
    /// </summary>
    public static TBuilder EvictsMarketCache<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            if (outcome is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                var services = context.HttpContext.RequestServices;
                await EvictAsync(services.GetRequiredService<IOutputCacheStore>(), CancellationToken.None);
                try
                {
                    await services.GetRequiredService<IPublishEndpoint>().Publish(new MarketChanged(Guid.NewGuid(), DateTimeOffset.UtcNow));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MarketCache))
                        .LogWarning(ex, "Could not tell the other replicas to evict the market cache; their copies expire within the cache's lifetime");
                }
            }
            return result;
        });

    public static ValueTask EvictAsync(IOutputCacheStore cache, CancellationToken ct) => cache.EvictByTagAsync(Tag, ct);
}
