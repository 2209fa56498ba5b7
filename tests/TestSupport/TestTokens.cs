using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tadamon.TestSupport;

/// <summary>
/// Access tokens for a service hosted alone in a test, where no identity service runs: signed with a key the test
/// host is told to trust (<see cref="ServiceFactory{TProgram}"/>), carrying the same claims identity issues. The
/// service validates them like any other token: signature, issuer, audience, lifetime.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "http://identity/";
    public const string Audience = "tadamon";

    /// <summary>The key test hosts trust.</summary>
    public static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "tadamon-tests" };

    public static string Mint(string user, string role, Guid? scope = null, SecurityKey? signedWith = null,
        string audience = Audience, string issuer = Issuer, DateTime? expires = null)
    {
        var claims = new List<Claim> { new("sub", user), new("role", role) };
        if (scope is { } s) claims.Add(new Claim("tadamon_scope", s.ToString()));
        var until = expires ?? DateTime.UtcNow.AddMinutes(15);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = until.AddMinutes(-30) < DateTime.UtcNow ? until.AddMinutes(-30) : DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = until.AddMinutes(-30) < DateTime.UtcNow ? until.AddMinutes(-30) : DateTime.UtcNow.AddMinutes(-1),
            Expires = until,
            SigningCredentials = new SigningCredentials(signedWith ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }
}
