using System.Text.RegularExpressions;

namespace Tadamon.Deployment.Tests;

/// <summary>Both overlays rendered once per test run, and what the code says they must match.</summary>
public sealed partial class Overlays
{
    private static readonly Lazy<Dictionary<string, Manifest>> Rendered = new(() =>
        Repository.Overlays.ToDictionary(o => o, Repository.RenderOverlay));

    public static Manifest Of(string overlay) => Rendered.Value[overlay].Copy();

    public static readonly Lazy<IReadOnlyList<AppHostResource>> AppHost = new(() =>
        AppHostResource.Read(Path.Combine(Repository.Root, "AppHost")));

    /// <summary>Image name → project, from each project's <c>ContainerRepository</c>.</summary>
    public static readonly Lazy<IReadOnlyDictionary<string, string>> ImageProjects = new(() =>
        Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
            .Select(p => (Project: Path.GetRelativePath(Repository.Root, p), Match: ContainerRepository().Match(File.ReadAllText(p))))
            .Where(x => x.Match.Success)
            .ToDictionary(x => x.Match.Groups[1].Value.Trim(), x => x.Project));

    public static IReadOnlyList<string> WiringProblems(Manifest m, string overlay) =>
        Wiring.Problems(m, overlay, AppHost.Value, ImageProjects.Value);

    [GeneratedRegex("<ContainerRepository>([^<]+)</ContainerRepository>")]
    private static partial Regex ContainerRepository();
}
