using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Tadamon.AppHost;

/// <summary>
/// The identity service's token keys on a developer's machine: made once, kept in the state folder beside the
/// databases (never in the repository), handed over as secret parameters. A deployment supplies its own through
/// <c>Parameters:identity-signing-key</c> and <c>Parameters:identity-encryption-key</c>; during a rotation the
/// old signing key goes in <c>Parameters:identity-previous-signing-key</c> so tokens it signed stay valid.
/// </summary>
internal static class IdentityKeys
{
    public static IResourceBuilder<ProjectResource> WithTokenKeys(this IResourceBuilder<ProjectResource> identity, string stateDirectory)
    {
        var builder = identity.ApplicationBuilder;
        var folder = Path.Combine(stateDirectory, "identity");
        var signingKey = builder.Configuration["Parameters:identity-signing-key"]
            ?? StateSecrets.LoadOrCreate(folder, "signing.key", NewRsaKey);
        var signing = builder.AddParameter("identity-signing-key", signingKey, secret: true);
        builder.Services.AddSingleton(new OperatorTokens(signingKey)); // the AppHost signs dashboard commands' tokens too
        var encryption = builder.AddStateSecret("identity-encryption-key", folder, "encryption.key",
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        identity.WithEnvironment("Identity__SigningKeys__0", signing).WithEnvironment("Identity__EncryptionKey", encryption);
        if (builder.Configuration["Parameters:identity-previous-signing-key"] is { Length: > 0 } previous)
        {
            identity.WithEnvironment("Identity__SigningKeys__1", builder.AddParameter("identity-previous-signing-key", previous, secret: true));
        }
        return identity;
    }

    private static string NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }
}
