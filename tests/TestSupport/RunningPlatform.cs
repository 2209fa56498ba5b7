using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tadamon.TestSupport;

/// <summary>
/// The whole AppHost started the way <c>./tadamon up</c> starts it: PostgreSQL and RabbitMQ as local processes (on
/// free ports, data in a fresh folder), every service, the gateway. Shared by the end-to-end and resilience suites;
/// <typeparamref name="TAppHost"/> is the test project's <c>Projects.AppHost</c>.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private readonly DirectoryInfo _state;

    private RunningPlatform(DistributedApplication app, DirectoryInfo state, HttpClient gateway)
    {
        App = app;
        _state = state;
        Gateway = gateway;
    }

    public DistributedApplication App { get; }
    public HttpClient Gateway { get; }
    /// <summary>Where PostgreSQL and RabbitMQ keep their data (and RabbitMQ its pid file) for this run.</summary>
    public string StateDirectory => _state.FullName;

    public static async Task<RunningPlatform> StartAsync<TAppHost>(string name, TimeSpan timeout, params string[] settings)
        where TAppHost : class
    {
        var state = Directory.CreateTempSubdirectory($"tadamon-{name}-");
        // PostgreSQL runs as the postgres user, which must be able to reach its data folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(state.FullName, (UnixFileMode)0b111_101_101);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>(
        [
            "Infrastructure:Mode=local",
            // Every project from its build output (dotnet test built them all), as ./tadamon up runs them: a dotnet run
            // per project and per replica costs seconds of CPU each and made a two-replica platform take minutes to start.
            "Projects:RunBuilt=true",
            $"Infrastructure:StateDirectory={state.FullName}",
            $"Infrastructure:PostgresPort={TestMachine.FreePort()}",
            $"Infrastructure:RabbitMqPort={TestMachine.FreePort(maximum: 45000)}",
            .. settings,
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("AppHost.Resources", LogLevel.Warning)); // a resource's chatter stays out of the test log

        var app = await builder.BuildAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var failure = FailOnAnyResourceExitAsync(app, deadline.Token);
        var started = StartAndWaitHealthyAsync(app, deadline.Token);
        await await Task.WhenAny(started, failure); // throws at once if a resource died
        await started;                              // throws if the platform never became healthy
        deadline.Cancel();

        var gateway = app.CreateHttpClient("gateway", "http");
        gateway.Timeout = TimeSpan.FromSeconds(30);
        return new RunningPlatform(app, state, gateway);
    }

    private static async Task StartAndWaitHealthyAsync(DistributedApplication app, CancellationToken ct)
    {
        await app.StartAsync(ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", ct);
    }

    /// <summary>A server that fails to start would otherwise leave StartAsync waiting until its timeout.</summary>
    private static async Task FailOnAnyResourceExitAsync(DistributedApplication app, CancellationToken ct)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(ct))
            {
                var state = update.Snapshot.State?.Text;
                // A migration step ({service}-migrate) is meant to finish: only a failure of it is one.
                if (update.Resource.Name.EndsWith("-migrate", StringComparison.Ordinal) && update.Snapshot.ExitCode == 0) continue;
                if (state == KnownResourceStates.Exited || state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Finished)
                {
                    throw new InvalidOperationException($"Resource '{update.Resource.Name}' stopped while the platform was starting: {state}.");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// The addresses of a scaled-out resource's copies themselves (not DCP's proxy in front of them), read from each
    /// running replica's environment: a test can then call one copy and then the other.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> ReplicaAddressesAsync(string resource, int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        var found = new Dictionary<string, Uri>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(deadline.Token))
        {
            if (update.Resource.Name != resource || update.Snapshot.State?.Text != KnownResourceStates.Running) continue;
            var variables = update.Snapshot.EnvironmentVariables;
            var urls = variables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value
                ?? (variables.FirstOrDefault(v => v.Name is "ASPNETCORE_HTTP_PORTS" or "HTTP_PORTS")?.Value is { } port ? $"http://localhost:{port}" : null);
            if (urls is null) continue;
            found[update.ResourceId] = new Uri(urls.Split(';')[0].Replace("://+:", "://localhost:").Replace("://*:", "://localhost:"));
            if (found.Count == count) return [.. found.Values];
        }
        throw new InvalidOperationException($"{count} running copies of '{resource}' not found.");
    }

    /// <summary>The latest snapshot of every copy of a resource (a migration step has exactly one).</summary>
    public async Task<IReadOnlyList<CustomResourceSnapshot>> SnapshotsAsync(string resource) => [.. (await CopiesAsync(resource)).Values];

    /// <summary>
    /// Every copy of a resource by its id (<c>orders-xyz</c>: commands and states address one copy by it), with its
    /// latest snapshot.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CustomResourceSnapshot>> CopiesAsync(string resource)
    {
        using var settle = new CancellationTokenSource(TimeSpan.FromSeconds(3)); // the replay of current states comes first
        var latest = new SortedDictionary<string, CustomResourceSnapshot>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(settle.Token))
            {
                if (update.Resource.Name == resource) latest[update.ResourceId] = update.Snapshot;
            }
        }
        catch (OperationCanceledException) { }
        return latest;
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try { _state.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}
