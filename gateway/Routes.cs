using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Tadamon.Gateway;

/// <summary>The platform's public URL space, and which service answers each part of it.</summary>
public static class Routes
{
    /// <summary>Each service is reached at <c>/api/{name}/...</c> and resolved by service discovery as <c>http://{name}</c>.</summary>
    public static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment"];

    public static IReadOnlyList<RouteConfig> All()
    {
        var routes = Services.Select(service => new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            }
            .WithTransformPathRemovePrefix($"/api/{service}")
            // The service learns the prefix it is mounted under, so its OpenAPI document and links point back here.
            .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
            .WithTransformRequestHeader("X-Forwarded-Prefix", $"/api/{service}", append: false))
            .ToList();

        // The courier signs its calls; it is authenticated by signature in shipping, never here.
        routes.Add(new RouteConfig
        {
            RouteId = "courier-webhooks",
            ClusterId = "shipping",
            Match = new RouteMatch { Path = "/webhooks/courier/{**rest}" },
        });
        return routes;
    }

    public static IReadOnlyList<ClusterConfig> Clusters() =>
        Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["primary"] = new() { Address = $"http://{service}" },
            },
        }).ToList();
}
