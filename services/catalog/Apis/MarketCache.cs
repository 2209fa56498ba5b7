using Microsoft.AspNetCore.OutputCaching;

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

    /// <summary>After a successful change to what buyers see, drops every cached market answer.</summary>
    public static TBuilder EvictsMarketCache<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            if (outcome is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                await context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
            }
            return result;
        });
}
