using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Tadamon.Gateway;

/// <summary>The platform's public URL space, and which service answers each part of it.</summary>
public static class Routes
{
    /// <summary>Each service is reached at <c>/api/{name}/...</c> and resolved by service discovery as <c>http://{name}</c>.</summary>
    public static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment"];

    /// <summary>The web frontends (market at <c>/</c>, digital window at <c>/learn</c>), resolved as <c>http://web</c>.</summary>
    public const string Frontend = "web";

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

        // Everything else is a page. Last in line: /api, /webhooks, /docs and /health keep their own answers.
        routes.Add(new RouteConfig
        {
            RouteId = Frontend,
            ClusterId = Frontend,
            Order = int.MaxValue,
            Match = new RouteMatch { Path = "/{**rest}" },
        });
        return routes;
    }

    public static IReadOnlyList<ClusterConfig> Clusters() =>
        Services.Append(Frontend).Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                ["primary"] = new() { Address = $"http://{service}" },
            },
        }).ToList();
}
