using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Tadamon.Identity.Infrastructure;
using Tadamon.Identity.Model;
using Tadamon.Messaging;

namespace Tadamon.Identity;

public static class Extensions
{
    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidation();
        builder.AddServiceDatabase<IdentityDbContext>("identitydb", options => options.UseOpenIddict());
        builder.AddMessaging<IdentityDbContext>("identity");

        builder.Services.AddIdentityCore<Account>(identity =>
            {
                identity.User.RequireUniqueEmail = false; // beneficiaries often have only a phone
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<IdentityDbContext>();
        builder.Services.AddScoped<FailedSignIns>();

        var keys = TokenKeys.From(builder.Configuration, builder.Environment);
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.AllowPasswordFlow().AllowRefreshTokenFlow();
                server.AcceptAnonymousClients(); // first-party web and mobile clients, no client secrets to leak
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(15));
                server.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                server.SetIssuer(new Uri(builder.Configuration["Identity:Issuer"] ?? TokenAuthentication.DefaultIssuer));
                foreach (var signing in keys.Signing) server.AddSigningKey(signing);
                server.AddEncryptionKey(keys.Encryption);
                // Services read the access token themselves (JWT, signature checked against the JWKS document).
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends before the platform on a real deployment; on a developer's machine there is none.
                    .DisableTransportSecurityRequirement();
            });
        // Identity checks the tokens presented to it (an operator creating accounts) against its own keys: it cannot
        // fetch its key set from itself by service discovery, and needs no network to know its own keys.
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Configuration = new OpenIdConnectConfiguration { Issuer = builder.Configuration["Identity:Issuer"] ?? TokenAuthentication.DefaultIssuer };
            foreach (var signing in keys.Signing) jwt.Configuration.SigningKeys.Add(signing);
        });
        return builder;
    }
}

/// <summary>
/// Token keys come from configuration (the AppHost generates them once into its state folder; production reads
/// them from its secret store). Several signing keys may be given: the first signs, all are published, which is
/// how a key is rotated without logging anyone out.
/// </summary>
internal sealed record TokenKeys(IReadOnlyList<SecurityKey> Signing, SecurityKey Encryption)
{
    public static TokenKeys From(IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = configuration.GetSection("Identity:SigningKeys").GetChildren()
            .Select(k => k.Value).Where(v => !string.IsNullOrWhiteSpace(v))
            .Select((v, i) =>
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(v!), out _);
                return (SecurityKey)new RsaSecurityKey(rsa) { KeyId = $"tadamon-{i}-{Thumbprint(rsa)}" };
            })
            .ToList();
        var encryption = configuration["Identity:EncryptionKey"] is { Length: > 0 } e
            ? new SymmetricSecurityKey(Convert.FromBase64String(e))
            : null;

        if (signing.Count > 0 && encryption is not null) return new TokenKeys(signing, encryption);
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException("Identity:SigningKeys:0 and Identity:EncryptionKey must be configured outside development.");
        }

        // Development without keys (a service started on its own): throwaway keys, tokens die with the process.
        return new TokenKeys(
            signing.Count > 0 ? signing : [new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tadamon-ephemeral" }],
            encryption ?? new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
    }

    private static string Thumbprint(RSA rsa) =>
        Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..12].ToLowerInvariant();
}
