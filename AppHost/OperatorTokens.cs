using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tadamon.AppHost;

/// <summary>
/// The dashboard's own operator identity. The AppHost holds identity's signing key (it hands it to the identity
/// service), so its commands carry a short-lived operator token signed with that key rather than a password or a
/// back door: services check it exactly like a token identity issued.
/// </summary>
internal sealed class OperatorTokens(string signingKeyPkcs8Base64)
{
    private const string Issuer = "http://identity/";
    private const string Audience = "tadamon";

    public string Mint(TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = new { alg = "RS256", typ = "JWT" };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "aspire-dashboard", ["role"] = "operator",
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 120, ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var unsigned = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(signingKeyPkcs8Base64), out _);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
