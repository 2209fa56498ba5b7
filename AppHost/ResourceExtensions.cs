namespace Tadamon.AppHost;

internal static class ResourceExtensions
{
    /// <summary>A service owns one database and talks to the others through the broker; it starts once both are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabaseAndBroker(
        this IResourceBuilder<ProjectResource> service, PlatformInfrastructure infra, string database)
    {
        service.WithReference(infra.Database(database)).WithReference(infra.Broker).WithHttpHealthCheck("/health")
            // Demo data makes the platform alive on first start; `Seed:Demo=false` starts it empty.
            .WithEnvironment("Seed__Demo", service.ApplicationBuilder.Configuration["Seed:Demo"] ?? "true")
            .WithDeadLetterCommands();
        foreach (var server in infra.Servers) service.WaitFor(server);
        return service;
    }

    /// <summary>The gateway finds a service by name (service discovery) and opens once it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithService(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> service) =>
        gateway.WithReference(service).WaitFor(service);
}
