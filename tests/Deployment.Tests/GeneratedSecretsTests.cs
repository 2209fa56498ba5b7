using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tadamon.Deployment.Tests;

/// <summary>generate-secrets.sh writes values in the forms the services read, into a copy and never the checkout.</summary>
public class GeneratedSecretsTests
{
    [Fact]
    public void The_dev_secrets_load_as_the_services_load_them()
    {
        var destination = Path.Combine(Path.GetTempPath(), $"tadamon-secrets-{Guid.NewGuid():N}");
        try
        {
            Run("dev", destination, courierSecret: null);
            var secrets = Path.Combine(destination, "overlays", "dev", "secrets");
            var values = Directory.GetFiles(secrets, "*.env").SelectMany(File.ReadAllLines)
                .Select(l => l.Split('=', 2)).ToLookup(p => p[0], p => p[1]);

            // identity: TokenKeys imports PKCS#8 and a 256-bit key
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(values["signing-key"].Single()), out _);
            Assert.Equal(2048, rsa.KeySize);
            Assert.Equal(32, Convert.FromBase64String(values["encryption-key"].Single()).Length);
            // web: DataProtectionKeys loads the PKCS#12 without a password and needs its private key
            using var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(values["certificate"].Single()), password: null);
            Assert.True(certificate.HasPrivateKey);
            // databases: one distinct password per role, safe inside a connection string
            var passwords = values["password"].ToList();
            Assert.Equal(Directory.GetFiles(secrets, "*-db.env").Length, passwords.Count);
            Assert.All(passwords, p => Assert.Matches("^[0-9a-f]{48}$", p));
            Assert.Equal(passwords.Count, passwords.Distinct().Count());
            // partners' webhook keys (the courier's, the SMS gateway's): Standard Webhooks keys, one each
            var webhookSecrets = values["webhook-secret"].ToList();
            Assert.Equal(2, webhookSecrets.Count);
            Assert.All(webhookSecrets, k => Assert.StartsWith("whsec_", k, StringComparison.Ordinal));
            Assert.Equal(webhookSecrets.Count, webhookSecrets.Distinct().Count());
            // the copy renders with its values; the checkout's files stay empty (RenderedOverlayTests)
            Assert.Contains("signing-key: ", Repository.Render(Path.Combine(destination, "overlays", "dev")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
        }
    }

    [Fact]
    public void Production_waits_for_the_courier_s_secret_and_writes_nothing_without_it()
    {
        var destination = Path.Combine(Path.GetTempPath(), $"tadamon-secrets-{Guid.NewGuid():N}");

        var exit = Run("production", destination, courierSecret: "");

        Assert.NotEqual(0, exit);
        Assert.False(Directory.Exists(destination));
    }

    private static int Run(string overlay, string destination, string? courierSecret)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Kubernetes, "generate-secrets.sh"));
        start.ArgumentList.Add(overlay);
        start.ArgumentList.Add(destination);
        start.Environment["COURIER_WEBHOOK_SECRET"] = courierSecret ?? "";
        using var script = Process.Start(start)!;
        script.StandardOutput.ReadToEnd();
        var errors = script.StandardError.ReadToEnd();
        script.WaitForExit();
        if (courierSecret is null) Assert.True(script.ExitCode == 0, errors);
        return script.ExitCode;
    }
}
