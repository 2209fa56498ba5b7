using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Tadamon.AppHost;

/// <summary>
/// <c>Projects:RunBuilt=true</c> (what <c>./tadamon up</c> sets): every project starts from its build output (the
/// native launcher beside its dll) instead of through a <c>dotnet run</c> per project, which evaluates the project
/// again and stays resident beside the service (about 130 MB each, ENVIRONMENT.md). Aspire runs a project resource
/// with an <see cref="ExecutableAnnotation"/> as that command, so endpoints, environment, health checks, references
/// and dashboard commands stay those of the project resource.
/// </summary>
internal static class BuiltProjects
{
    public static void RunBuiltProjectsWhenAsked(this IDistributedApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Projects:RunBuilt", false)) return;
        foreach (var project in builder.Resources.OfType<ProjectResource>()) project.RunFromBuildOutput();
    }

    /// <summary>
    /// Runs the project from its build output. Migration steps always do: Aspire starts a project added by path with
    /// a <c>dotnet run</c> that builds it first, and seven steps building the same libraries at once fail on each
    /// other's locked files.
    /// </summary>
    public static void RunFromBuildOutput(this ProjectResource project)
    {
        if (project.Annotations.OfType<ExecutableAnnotation>().Any()) return;
        // Projects are built with the AppHost's configuration and framework (its project references): same layout.
        // The AppHost's own assembly, not the entry one: under a test or the bench the entry is their host.
        var configuration = typeof(BuiltProjects).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var path = project.GetProjectMetadata().ProjectPath;
        var folder = Path.GetDirectoryName(path)!;
        var launcher = Path.Combine(folder, "bin", configuration, framework, Path.GetFileNameWithoutExtension(path));
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException($"'{launcher}' is missing: build the AppHost ({configuration}) first, or drop Projects:RunBuilt.");
        }
        // The project folder stays the working directory, as with dotnet run (content root, relative paths).
        project.Annotations.Add(new ExecutableAnnotation { Command = launcher, WorkingDirectory = folder });
    }
}
