using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Tadamon.AppHost;

internal static class ResourceExtensions
{
    /// <summary>
    /// A service owns one database, migrated by a step before it starts, and talks to the others through the broker;
    /// it starts once both are healthy, in <paramref name="replicas"/> copies.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabaseAndBroker(
        this IResourceBuilder<ProjectResource> service, PlatformInfrastructure infra, string database, int replicas = 1)
    {
        service.WithReference(infra.Database(database)).WithReference(infra.Broker).WithHttpHealthCheck("/health")
            // Demo data (and accounts with a published password) only where asked for: on by default on a
            // developer's machine (Development, as ./tadamon up runs), off elsewhere unless Seed:Demo=true.
            .WithEnvironment("Seed__Demo", service.ApplicationBuilder.Configuration["Seed:Demo"]
                ?? (service.ApplicationBuilder.Environment.IsDevelopment() ? "true" : "false"))
            .WithDeadLetterCommands()
            .WithMigrationStep(infra);
        foreach (var server in infra.Servers) service.WaitFor(server);
        return service.WithScaledOut(replicas);
    }

    /// <summary>
    /// <paramref name="replicas"/> copies of the project. Copies cannot share one port, so a scaled-out project keeps
    /// DCP's proxy (one address that spreads calls over the copies) and only a single copy listens directly.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithScaledOut(this IResourceBuilder<ProjectResource> project, int replicas, string? portSetting = null)
    {
        if (replicas <= 1) return project.WithDirectEndpoint(portSetting);
        project.WithReplicas(replicas);
        var port = portSetting is null ? null : project.ApplicationBuilder.Configuration.GetValue<int?>(portSetting);
        return port is null ? project : project.WithEndpoint("http", endpoint => endpoint.Port = port);
    }

    /// <summary>
    /// With <c>Endpoints:Proxied=false</c> (the default of <c>./tadamon up</c>), the project listens on its endpoint
    /// itself instead of behind DCP's proxy: one loopback hop and one copy of every byte less per call (measured in
    /// bench/RESULTS.md). It then gets a free port, unless <paramref name="portSetting"/> names a setting that fixes
    /// one (the gateway's public port).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectEndpoint(this IResourceBuilder<ProjectResource> project, string? portSetting = null)
    {
        var configuration = project.ApplicationBuilder.Configuration;
        if (configuration["Endpoints:Proxied"] != "false") return project;
        // Launch profile ports are fixed; unproxied they would clash with a second platform (bench, tests).
        var port = portSetting is null ? null : configuration.GetValue<int?>(portSetting);
        return project.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = port;
            endpoint.TargetPort = port;
        });
    }

    /// <summary>
    /// The gateway finds a service by name (service discovery) and opens once it is healthy; the service believes the
    /// gateway's X-Forwarded-* headers (prefix, scheme, client address), which come from this machine.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithService(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> service)
    {
        service.WithEnvironment("ForwardedHeaders__KnownNetworks", "127.0.0.0/8,::1/128");
        return gateway.WithReference(service).WaitFor(service);
    }

    /// <summary>
    /// Gives a setting of the AppHost (when set) to every project, e.g. <c>Telemetry:TraceSampleRatio=0.1</c> to run
    /// the whole platform with the production profile's sampling (the bench measures both), or catalog's market cache lifetime.
    /// </summary>
    public static void ForwardToEveryProject(this IDistributedApplicationBuilder builder, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (builder.Configuration[key] is not { } value) continue;
            foreach (var project in builder.Resources.OfType<ProjectResource>())
                builder.CreateResourceBuilder(project).WithEnvironment(key.Replace(":", "__"), value);
        }
    }
}
