using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tadamon.AppHost;

/// <summary>Where the platform's PostgreSQL databases and RabbitMQ broker come from, whichever mode runs them.</summary>
internal sealed class PlatformInfrastructure
{
    public required Func<string, IResourceBuilder<IResourceWithConnectionString>> Database { get; init; }
    public required IResourceBuilder<IResourceWithConnectionString> Broker { get; init; }
    /// <summary>The server resources services must wait for (none when the servers are external).</summary>
    public required IReadOnlyList<IResourceBuilder<IResource>> Servers { get; init; }
    /// <summary>Where the platform keeps what must survive a restart on this machine (server data, token keys).</summary>
    public required string StateDirectory { get; init; }
}

internal static class InfrastructureExtensions
{
    public const string BrokerName = "broker";

    /// <summary>
    /// <c>Infrastructure:Mode</c> = <c>auto</c> (containers only when an engine answers), <c>containers</c>,
    /// <c>local</c> (Debian's PostgreSQL 15 and RabbitMQ as child processes, data kept in a state folder), or
    /// <c>external</c> (servers already running, given as <c>ConnectionStrings:*</c>; used by shared test runs).
    /// </summary>
    public static PlatformInfrastructure AddPlatformInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration["Infrastructure:Mode"] ?? "auto";
        if (mode == "auto") mode = ContainerEngineAnswers() ? "containers" : "local";
        var stateDir = Path.GetFullPath(builder.Configuration["Infrastructure:StateDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".state"));

        return mode switch
        {
            "containers" => AddContainers(builder, stateDir),
            "local" => AddLocalProcesses(builder, stateDir),
            "external" => AddExternal(builder, stateDir),
            _ => throw new InvalidOperationException($"Infrastructure:Mode '{mode}' is not one of auto, containers, local, external."),
        };
    }

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder, string stateDir)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var rabbit = builder.AddRabbitMQ(BrokerName).WithDataVolume();
        return new PlatformInfrastructure
        {
            Database = name => postgres.AddDatabase(name),
            Broker = rabbit,
            Servers = [postgres.AsResource(), rabbit.AsResource()],
            StateDirectory = stateDir,
        };
    }

    private static PlatformInfrastructure AddExternal(IDistributedApplicationBuilder builder, string stateDir) => new()
    {
        Database = name => builder.AddConnectionString(name),
        Broker = builder.AddConnectionString(BrokerName),
        Servers = [],
        StateDirectory = stateDir,
    };

    private static PlatformInfrastructure AddLocalProcesses(IDistributedApplicationBuilder builder, string stateDir)
    {
        var config = builder.Configuration;
        var scripts = Path.Combine(builder.AppHostDirectory, "infra");
        var pgPort = config.GetValue("Infrastructure:PostgresPort", 15432);
        var amqpPort = config.GetValue("Infrastructure:RabbitMqPort", 15673);

        var pgAdmin = $"Host=127.0.0.1;Port={pgPort};Username=postgres";
        var amqp = $"amqp://guest:guest@127.0.0.1:{amqpPort}";

        builder.Services.AddHealthChecks()
            .AddNpgSql($"{pgAdmin};Database=postgres;Timeout=3", name: "postgres-local")
            .Add(new HealthCheckRegistration("rabbitmq-local", _ => new RabbitMqHealthCheck(new Uri(amqp)), null, null));

        var postgres = builder.AddExecutable("postgres", "bash", scripts, "postgres.sh", Path.Combine(stateDir, "postgres"), pgPort.ToString())
            .WithEndpoint(name: "tcp", port: pgPort, targetPort: pgPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("postgres-local");
        var rabbit = builder.AddExecutable("rabbitmq", "bash", scripts, "rabbitmq.sh", Path.Combine(stateDir, "rabbitmq"), amqpPort.ToString())
            .WithEndpoint(name: "amqp", port: amqpPort, targetPort: amqpPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("rabbitmq-local");

        return new PlatformInfrastructure
        {
            // EF creates each service's database on its first migration: the local superuser may.
            Database = name => builder.AddConnectionString(name, Literal($"{pgAdmin};Database={name}")),
            Broker = builder.AddConnectionString(BrokerName, Literal(amqp)),
            Servers = [postgres.AsResource(), rabbit.AsResource()],
            StateDirectory = stateDir,
        };
    }

    private static ReferenceExpression Literal(string value)
    {
        var expression = new ReferenceExpressionBuilder();
        expression.AppendLiteral(value);
        return expression.Build();
    }

    private static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> resource) where T : IResource =>
        (IResourceBuilder<IResource>)resource;

    /// <summary><c>docker info</c> fails within a fraction of a second where no engine runs (see ENVIRONMENT.md).</summary>
    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null) return false;
            if (!probe.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                probe.Kill();
                return false;
            }
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
