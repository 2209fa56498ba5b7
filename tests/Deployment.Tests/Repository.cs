using System.Diagnostics;

namespace Tadamon.Deployment.Tests;

/// <summary>The checkout under test, and the one tool that renders its manifests: <c>kubectl kustomize</c>, offline.</summary>
public static class Repository
{
    public static readonly string Root = FindRoot();
    public static string Kubernetes => Path.Combine(Root, "deploy", "kubernetes");
    public static readonly string[] Overlays = ["dev", "production"];

    public static string Render(string directory)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl" : "kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = kubectl.StandardError.ReadToEndAsync();
        if (!kubectl.WaitForExit(TimeSpan.FromMinutes(1))) throw new TimeoutException($"kubectl kustomize {directory} took over a minute");
        if (kubectl.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {directory} failed: {errors.Result}");
        return output.Result;
    }

    public static Manifest RenderOverlay(string overlay) =>
        Manifest.Parse(Render(Path.Combine(Kubernetes, "overlays", overlay)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
