using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Tadamon.Gateway;

/// <summary>The platform's public URL space, and which service answers each part of it.</summary>
public static class Routes
{
    /// <summary>Each service is reached at <c>/api/{name}/...</c> and resolved by service discovery as <c>http://{name}</c>.</summary>
    public static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications"];

    public const string TokenPath = "/api/identity/connect/token";
    /// <summary>Where a login name and password are posted: the token endpoint and the web's sign-in form.</summary>
    public static readonly string[] SignInPaths = [TokenPath, "/account/login"];

    /// <summary>The web frontends (market at <c>/</c>, digital window at <c>/learn</c>), resolved as <c>http://web</c>.</summary>
    public const string Frontend = "web";

    public static IReadOnlyList<RouteConfig> All()
    {
        var routes = Services.Select(service => ToService(service, service, $"/api/{service}/{{**rest}}")).ToList();

        // The moments worth abusing get their own routes, each with its rate limit (see RateLimits).
        routes.Add(ToService("login", "identity", TokenPath, RateLimits.Login, HttpMethods.Post));
        routes.Add(ToService("checkout", "orders", "/api/orders/checkout", RateLimits.Checkout, HttpMethods.Post));
        routes.Add(ToService("pre-registration", "enrollment", "/api/enrollment/pre-registrations", RateLimits.PreRegistration, HttpMethods.Post));

        // Photo uploads are the only bodies larger than the platform's 1 MB: the API call and the manager's web form.
        routes.Add(ToService("photo-upload", "catalog", "/api/catalog/products/{id}/photos", method: HttpMethods.Post) with
        {
            MaxRequestBodySize = Extensions.MaxPhotoUploadBytes, Order = -1,
        });
        routes.Add(new RouteConfig
        {
            RouteId = "web-photo-upload",
            ClusterId = Frontend,
            Match = new RouteMatch { Path = "/cooperative/products/{id}", Methods = [HttpMethods.Post] },
            MaxRequestBodySize = Extensions.MaxPhotoUploadBytes,
        });

        // The courier signs its calls; it is authenticated by signature in shipping (parcel news) and settlement
        // (remittance statements), never here.
        routes.Add(new RouteConfig
        {
            RouteId = "courier-remittances",
            ClusterId = "settlement",
            Match = new RouteMatch { Path = "/webhooks/courier/remittances" },
            RateLimiterPolicy = RateLimits.Webhooks,
            Order = -1, // wins over shipping's /webhooks/courier/{**rest}
        });
        routes.Add(new RouteConfig
        {
            RouteId = "courier-webhooks",
            ClusterId = "shipping",
            Match = new RouteMatch { Path = "/webhooks/courier/{**rest}" },
            RateLimiterPolicy = RateLimits.Webhooks,
        });

        // The SMS gateway signs its delivery reports and phone replies; notifications checks the signature.
        routes.Add(new RouteConfig
        {
            RouteId = "sms-webhooks",
            ClusterId = "notifications",
            Match = new RouteMatch { Path = "/webhooks/sms/{**rest}" },
            RateLimiterPolicy = RateLimits.Webhooks,
        });

        // The web's sign-in form gets the sign-in limit. Its checkout and pre-registration forms are limited by the
        // web per signed-in person: here the person is only a cookie, and one address may be a whole social centre.
        routes.Add(ToFrontend("web-login", "/account/login", RateLimits.Login));

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

    private static RouteConfig ToService(string routeId, string service, string path, string? rateLimit = null, string? method = null) =>
        new RouteConfig
        {
            RouteId = routeId,
            ClusterId = service,
            Match = new RouteMatch { Path = path, Methods = method is null ? null : [method] },
            RateLimiterPolicy = rateLimit,
            Order = rateLimit is null ? 0 : -1, // the limited routes win over their service's catch-all
        }
        .WithTransformPathRemovePrefix($"/api/{service}")
        // The service learns the prefix it is mounted under, so its OpenAPI document and links point back here.
        .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
        .WithTransformRequestHeader("X-Forwarded-Prefix", $"/api/{service}", append: false);

    private static RouteConfig ToFrontend(string routeId, string path, string rateLimit) => new()
    {
        RouteId = routeId,
        ClusterId = Frontend,
        Match = new RouteMatch { Path = path, Methods = [HttpMethods.Post] },
        RateLimiterPolicy = rateLimit,
    };

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
