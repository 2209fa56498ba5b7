using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

[CollectionDefinition("platform")]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

/// <summary>
/// The whole AppHost, started once for the end-to-end tests the way `./tadamon up` starts it: PostgreSQL and
/// RabbitMQ as local processes (on free ports, data in a fresh folder), every service, the gateway.
/// Tests talk to the gateway only.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private DistributedApplication? _app;
    private DirectoryInfo? _state;

    /// <summary>The platform's state folder: databases, broker, identity's keys.</summary>
    public string StateDirectory => _state?.FullName ?? throw new InvalidOperationException("The platform is not started.");
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");
    public HttpClient Gateway { get; private set; } = null!;
    /// <summary>Accounts signed in at the identity service, made as tests ask for them.</summary>
    public PlatformAccounts Accounts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _state = Directory.CreateTempSubdirectory("tadamon-e2e-");
        // PostgreSQL runs as the postgres user, which must be able to reach its data folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_state.FullName, (UnixFileMode)0b111_101_101);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:StateDirectory={_state.FullName}",
            $"Infrastructure:PostgresPort={FreePort()}",
            $"Infrastructure:RabbitMqPort={FreePort(maximum: 45000)}",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("AppHost.Resources", LogLevel.Warning)); // a resource's chatter stays out of the test log

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var failure = FailOnAnyResourceExitAsync(_app, timeout.Token);
        var started = StartAndWaitHealthyAsync(_app, timeout.Token);
        await await Task.WhenAny(started, failure); // throws at once if a resource died
        await started;                              // throws if the platform never became healthy
        timeout.Cancel();

        Gateway = _app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
        Accounts = new PlatformAccounts(Gateway);
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
                if (state == KnownResourceStates.Exited || state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Finished)
                {
                    throw new InvalidOperationException($"Resource '{update.Resource.Name}' stopped while the platform was starting: {state}.");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try { _state?.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort(int maximum = 65535)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            // RabbitMQ also opens epmd and distribution ports derived from its AMQP port; keep room above it.
            if (port <= maximum) return port;
        }
    }
}
