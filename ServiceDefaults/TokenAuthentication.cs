using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Access tokens from the identity service, checked by the gateway and again by every service: signature against
/// identity's published keys (fetched through service discovery), issuer, audience, lifetime with a small skew.
/// A request that presents a token which fails any check is refused outright, never treated as anonymous.
/// </summary>
public static class TokenAuthentication
{
    public const string Audience = "tadamon";
    public const string ScopeClaim = "tadamon_scope";
    /// <summary>The identity service's name inside the platform, which its tokens carry as issuer.</summary>
    public const string DefaultIssuer = "http://identity/";

    public static IHostApplicationBuilder AddTokenAuthentication(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration["Identity:Issuer"] ?? DefaultIssuer;
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MetadataAddress = new Uri(new Uri(issuer), ".well-known/openid-configuration").ToString();
            jwt.RequireHttpsMetadata = false; // TLS ends in front of the platform; inside, services speak http
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "name",
                RoleClaimType = "role",
            };
        });
        // The metadata and key set are fetched with a client that resolves "identity" by service discovery.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((jwt, clients) => jwt.Backchannel = clients.CreateClient("identity-keys"));
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>Authenticates every request; a bad token ends the request with 401 here.</summary>
    public static IApplicationBuilder UseTokenAuthentication(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var presented = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (presented && context.User.Identity?.IsAuthenticated != true)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Problems.Problem(context, StatusCodes.Status401Unauthorized,
                    "Jeton d'accès invalide ou expiré : reconnectez-vous.", "رمز الدخول غير صالح أو منتهي الصلاحية: أعد تسجيل الدخول.",
                    "invalid-token").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}
