using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace Tadamon.Resilience.Tests;

/// <summary>What a fault did: whether health turned red while it lasted, and how long until every service was healthy again.</summary>
public sealed record FaultOutcome(string Name, bool WentRed, TimeSpan Outage, TimeSpan Recovery, string? Note = null);

/// <summary>Breaks the platform's parts the hard way (SIGKILL where a crash is meant) and brings them back through the AppHost.</summary>
public sealed class FaultInjector(ResilientPlatform platform)
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string[] Stopped = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    /// <summary>The broker dies without warning (its Erlang VM SIGKILLed), stays dead a few seconds, and is started again.</summary>
    public async Task<FaultOutcome> KillBrokerAsync()
    {
        var pidFile = Path.Combine(platform.Platform.StateDirectory, "rabbitmq", "node", "rabbitmq.pid");
        var beam = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim());
        var clock = Stopwatch.StartNew();
        Process.GetProcessById(beam).Kill();
        return await BackAsync("RabbitMQ SIGKILLed", "rabbitmq", clock, "orders");
    }

    /// <summary>One service process SIGKILLed mid-request, then started again by the AppHost.</summary>
    public async Task<FaultOutcome> KillServiceAsync(string service)
    {
        var pid = platform.Pid(service) ?? throw new InvalidOperationException($"No pid for {service}.");
        var clock = Stopwatch.StartNew();
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        return await BackAsync($"{service} SIGKILLed", service, clock, service);
    }

    /// <summary>
    /// PostgreSQL shut down under load the way a restart does it (fast shutdown: every connection cut, transactions
    /// in flight rolled back), then started again.
    /// </summary>
    public async Task<FaultOutcome> RestartDatabaseAsync()
    {
        var pidFile = Path.Combine(platform.Platform.StateDirectory, "postgres", "data", "postmaster.pid");
        var postmaster = int.Parse((await File.ReadAllLinesAsync(pidFile))[0].Trim());
        var clock = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-INT", postmaster.ToString()])) await signal.WaitForExitAsync();
        return await BackAsync("PostgreSQL restarted", "postgres", clock, "orders");
    }

    /// <summary>
    /// Watches health from the moment of the fault until the AppHost has seen the part stop and it has been down a
    /// while (on a loaded machine noticing the stop alone can take seconds), then starts it and measures recovery.
    /// </summary>
    private async Task<FaultOutcome> BackAsync(string name, string resource, Stopwatch clock, string watched)
    {
        var stopped = platform.WaitForStateAsync(resource, state => Stopped.Contains(state), Patience);
        var wentRed = false;
        while (!stopped.IsCompleted || clock.Elapsed < Down)
        {
            wentRed |= !await platform.HealthyAsync(watched);
            await Task.Delay(500);
        }
        await stopped;
        var outage = clock.Elapsed;
        await platform.CommandAsync(resource, KnownResourceCommands.StartCommand);
        var recovery = await platform.RecoveryAsync(Patience);
        return new FaultOutcome(name, wentRed, outage, recovery);
    }
}
