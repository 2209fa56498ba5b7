using System.Security.Cryptography;
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
