namespace Tadamon.Gateway;

/// <summary>
/// Abuse limits at the edge, per client: sign-in per address and login name (password guessing, credential
/// stuffing; the name in its normalised form, so respelling a phone number gives no fresh bucket), API checkout and
/// pre-registration per signed-in person (falling back to the address), courier webhooks per address. The address
/// is the connection's, or a trusted proxy's X-Forwarded-For (see ForwardedHeaderTrust), never a client's own claim.
/// The web's checkout and pre-registration forms are limited by the web itself, which knows who is signed in.
/// Each is a token bucket whose size and refill come from <c>Gateway:RateLimits:{policy}</c>, so a load test can
/// raise them without touching code. With N gateways (<c>Gateway:Replicas</c>) each allows 1/N of a limit (see
/// <see cref="ClientRateLimits.AddTokenBucket"/>). A refusal is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Checkout = "checkout";
    public const string PreRegistration = "pre-registration";
    public const string Webhooks = "webhooks";

    private const string LoginNameItem = "tadamon.login-name";

    /// <summary>Defaults: permits per window, and the window in seconds.</summary>
    private static readonly Dictionary<string, (int Permits, int Seconds)> Defaults = new()
    {
        [Login] = (10, 60),
        [Checkout] = (30, 60),
        [PreRegistration] = (30, 60),
        [Webhooks] = (2000, 1),
    };

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Gateway:RateLimits");
        // How many gateways share the traffic (the deployment sets it with the replica count): each enforces its share.
        var replicas = builder.Configuration.GetValue("Gateway:Replicas", 1);
        builder.Services.AddRateLimiter(limiter =>
        {
            foreach (var (policy, fallback) in Defaults)
            {
                limiter.AddTokenBucket(section, policy, fallback.Permits, fallback.Seconds, context => PartitionKey(policy, context), replicas);
            }
            limiter.OnRejected = async (context, ct) =>
            {
                ClientRateLimits.SetRetryAfter(context);
                await Problems.Problem(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Trop de demandes : réessayez dans un instant.", "طلبات كثيرة جدا: أعد المحاولة بعد قليل.", "rate-limited")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>
    /// Reads the login name of a sign-in (token request or web form) before the limiter runs, so each name gets its own bucket from one
    /// address; the body is buffered and rewound for the proxy.
    /// </summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
                && Routes.SignInPaths.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
            {
                context.Request.EnableBuffering();
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Items[LoginNameItem] = LoginName.Normalise(form["username"].ToString());
                context.Request.Body.Position = 0;
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static string PartitionKey(string policy, HttpContext context)
    {
        var address = ClientRateLimits.AddressOf(context);
        return policy switch
        {
            Login => $"{address}|{context.Items[LoginNameItem] as string}",
            Checkout or PreRegistration => ClientRateLimits.PersonOf(context) ?? address,
            _ => address,
        };
    }
}
