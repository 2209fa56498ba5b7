using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Tadamon.AppHost;

/// <summary>
/// Secrets of a developer's machine: made on first start, kept in the state folder beside the databases (never in
/// the repository), handed over as secret parameters. A deployment gives its own as <c>Parameters:{name}</c>.
/// </summary>
internal static class StateSecrets
{
    public static IResourceBuilder<ParameterResource> AddStateSecret(this IDistributedApplicationBuilder builder,
        string name, string folder, string file, Func<string> create) =>
        builder.AddParameter(name, builder.Configuration[$"Parameters:{name}"] ?? LoadOrCreate(folder, file, create), secret: true);

    /// <summary>The courier's webhook signing secret, in the Standard Webhooks form (<c>whsec_</c> + base64 of 32 bytes).</summary>
    public static string NewWebhookSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// A self-signed certificate (PKCS#12, base64) that encrypts the web's Data Protection keys where they are stored:
    /// a copy of the database alone does not give away the keys that sign everyone's cookies.
    /// </summary>
    public static string NewKeyProtectionCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=tadamon-web-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }

    public static string LoadOrCreate(string folder, string file, Func<string> create)
    {
        var path = Path.Combine(folder, file);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(folder);
        var value = create();
        // Readable by this user only from the first byte on: the file is created with that mode.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(value);
        }
        return value;
    }
}
