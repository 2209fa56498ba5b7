using System.Security.Cryptography;

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
        var signing = builder.AddParameter("identity-signing-key",
            builder.Configuration["Parameters:identity-signing-key"] ?? LoadOrCreate(folder, "signing.key", NewRsaKey), secret: true);
        var encryption = builder.AddParameter("identity-encryption-key",
            builder.Configuration["Parameters:identity-encryption-key"] ?? LoadOrCreate(folder, "encryption.key", () => RandomNumberGenerator.GetBytes(32)), secret: true);

        identity.WithEnvironment("Identity__SigningKeys__0", signing).WithEnvironment("Identity__EncryptionKey", encryption)
            // Identity checks tokens presented to its own endpoints (an operator creating an account) like every
            // service does, from its published keys at http://identity: it must find itself by that name too.
            .WithEnvironment("services__identity__http__0", identity.GetEndpoint("http"));
        if (builder.Configuration["Parameters:identity-previous-signing-key"] is { Length: > 0 } previous)
        {
            identity.WithEnvironment("Identity__SigningKeys__1", builder.AddParameter("identity-previous-signing-key", previous, secret: true));
        }
        return identity;
    }

    private static byte[] NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static string LoadOrCreate(string folder, string file, Func<byte[]> create)
    {
        var path = Path.Combine(folder, file);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(folder);
        var value = Convert.ToBase64String(create());
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return value;
    }
}
