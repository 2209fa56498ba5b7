using Microsoft.Extensions.Configuration;

namespace Tadamon.AppHost;

/// <summary>Marks a service whose database is migrated by a step of its own before any of its replicas starts.</summary>
internal sealed class MigrationStepAnnotation(IReadOnlyList<IResourceBuilder<IResource>> servers) : IResourceAnnotation
{
    public IReadOnlyList<IResourceBuilder<IResource>> Servers { get; } = servers;
}

internal static class MigrationSteps
{
    public const string Suffix = "-migrate";

    /// <summary>The service's database is migrated once, by <c>{service}-migrate</c>, before the service starts.</summary>
    public static IResourceBuilder<ProjectResource> WithMigrationStep(this IResourceBuilder<ProjectResource> service, PlatformInfrastructure infra) =>
        service.WithAnnotation(new MigrationStepAnnotation(infra.Servers));

    /// <summary>
    /// For every service marked <see cref="WithMigrationStep"/>: the same project started with <c>--migrate</c> (it
    /// applies the migrations and the demo data, then exits 0), with the service's own environment (connection
    /// strings, keys), and the service waiting for its completion. Called once every reference is in place, so the
    /// step sees the same settings as the service. Migrating in one place also means replicas never race to migrate.
    /// </summary>
    public static void AddMigrationSteps(this IDistributedApplicationBuilder builder)
    {
        var environment = builder.Environment.EnvironmentName;
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            if (!service.TryGetLastAnnotation<MigrationStepAnnotation>(out var step)) continue;

            var path = service.GetProjectMetadata().ProjectPath;
            // No launch profile: the step serves nothing, so it needs no endpoint (and no port).
            var migrate = builder.AddProject(service.Name + Suffix, path, options => options.ExcludeLaunchProfile = true)
                .WithArgs("--migrate")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", environment)
                .WithEnvironment("OTEL_SERVICE_NAME", service.Name + Suffix);
            foreach (var variables in service.Annotations.OfType<EnvironmentCallbackAnnotation>()) migrate.WithAnnotation(variables);
            foreach (var server in step.Servers) migrate.WaitFor(server);
            migrate.Resource.RunFromBuildOutput();
            builder.CreateResourceBuilder(service).WaitForCompletion(migrate);
        }
    }

    /// <summary><c>Replicas=N</c> (default 1): how many copies of each scaled-out service run.</summary>
    public static int Replicas(this IDistributedApplicationBuilder builder) => Math.Max(1, builder.Configuration.GetValue("Replicas", 1));
}
