using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Tadamon.TestSupport;

namespace Tadamon.Resilience.Tests;

/// <summary>What a fault did: whether health turned red while it lasted, and how long until every service was healthy again.</summary>
public sealed record FaultOutcome(string Name, bool WentRed, TimeSpan Outage, TimeSpan Recovery, string? Note = null);

/// <summary>
/// Breaks the platform's parts the hard way (SIGKILL where a crash is meant). A service is started again through the
/// AppHost, as an operator would; PostgreSQL and RabbitMQ must come back by themselves (AppHost/infra/supervise.sh).
/// </summary>
public sealed class FaultInjector(ResilientPlatform platform)
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string[] Stopped = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    private string BrokerPidFile => Path.Combine(platform.Platform.StateDirectory, "rabbitmq", "node", "rabbitmq.pid");
    private string PostmasterPidFile => Path.Combine(platform.Platform.StateDirectory, "postgres", "data", "postmaster.pid");

    /// <summary>The broker dies without warning: its Erlang VM (beam.smp, not the wrapper script) SIGKILLed.</summary>
    public Task<FaultOutcome> KillBrokerAsync() =>
        ServerDiesAsync("RabbitMQ SIGKILLed", "rabbitmq", BrokerPidFile, "KILL", "orders");

    /// <summary>PostgreSQL dies without warning: its postmaster SIGKILLed; the backends follow it, the cluster needs crash recovery.</summary>
    public Task<FaultOutcome> KillDatabaseAsync() =>
        ServerDiesAsync("PostgreSQL SIGKILLed", "postgres", PostmasterPidFile, "KILL", "orders");

    /// <summary>
    /// PostgreSQL shut down under load as by someone's restart (fast shutdown: every connection cut, transactions in
    /// flight rolled back); nobody starts it again but its supervisor.
    /// </summary>
    public Task<FaultOutcome> RestartDatabaseAsync() =>
        ServerDiesAsync("PostgreSQL shut down", "postgres", PostmasterPidFile, "INT", "orders");

    /// <summary>
    /// One copy of a service SIGKILLed mid-request, then started again by the AppHost. Where the service runs in
    /// copies, the other one carries the flow meanwhile: its messages, its outbox and its leases move over.
    /// </summary>
    public async Task<FaultOutcome> KillServiceAsync(string service)
    {
        var copies = await platform.CopiesAsync(service);
        var victim = copies[0];
        var pid = platform.Pid(victim) ?? throw new InvalidOperationException($"No pid for {victim}.");
        var operatorToken = await platform.Logins.TokenAsync(Logins.Operator);
        var clock = Stopwatch.StartNew();
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        var name = copies.Count > 1 ? $"one of {copies.Count} copies of {service} SIGKILLed" : $"{service} SIGKILLed";
        return await BackAsync(name, victim, clock, service, operatorToken);
    }

    /// <summary>
    /// Signals the server process itself and then only watches: the resource (the wrapper script the AppHost runs)
    /// must stay the same process, and a new server must appear and serve again without anyone starting anything.
    /// </summary>
    private async Task<FaultOutcome> ServerDiesAsync(string name, string resource, string pidFile, string signal, string watched)
    {
        var wrapper = platform.Pid(resource) ?? throw new InvalidOperationException($"No pid for {resource}.");
        var server = await ReadPidAsync(pidFile) ?? throw new InvalidOperationException($"No pid in {pidFile}.");
        var operatorToken = await platform.Logins.TokenAsync(Logins.Operator);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", [$"-{signal}", server.ToString()])) await kill.WaitForExitAsync();

        var wentRed = false;
        int? replacement = null;
        while (clock.Elapsed < Down || !wentRed || replacement is null || !await platform.HealthyAsync(watched, operatorToken))
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{name}: no new server serving within {Patience} (new pid: {replacement?.ToString() ?? "none"}, health went red: {wentRed}).");
            }
            wentRed |= !await platform.HealthyAsync(watched, operatorToken);
            if (await ReadPidAsync(pidFile) is { } now && now != server && IsAlive(now)) replacement = now;
            await Task.Delay(500);
        }
        var outage = clock.Elapsed;
        var recovery = await platform.RecoveryAsync(Patience);

        if (platform.Pid(resource) != wrapper || !platform.IsRunning(resource))
        {
            throw new InvalidOperationException($"{name}: the {resource} resource itself was restarted (pid {wrapper} → {platform.Pid(resource)}): the server must be restarted by its supervisor.");
        }
        return new FaultOutcome(name, wentRed, outage, recovery, $"server pid {server} → {replacement} (supervisor, resource pid {wrapper} unchanged)");
    }

    private static async Task<int?> ReadPidAsync(string pidFile)
    {
        try
        {
            var lines = await File.ReadAllLinesAsync(pidFile);
            return lines.Length > 0 && int.TryParse(lines[0].Trim(), out var pid) ? pid : null;
        }
        catch (IOException) { return null; } // between two servers the file is gone or half-written
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    /// <summary>
    /// Watches health from the moment of the fault until the AppHost has seen the part stop and it has been down a
    /// while (on a loaded machine noticing the stop alone can take seconds), then starts it and measures recovery.
    /// </summary>
    private async Task<FaultOutcome> BackAsync(string name, string resource, Stopwatch clock, string watched, string operatorToken)
    {
        var stopped = platform.WaitForStateAsync(resource, state => Stopped.Contains(state), Patience);
        var wentRed = false;
        while (!stopped.IsCompleted || clock.Elapsed < Down)
        {
            wentRed |= !await platform.HealthyAsync(watched, operatorToken);
            await Task.Delay(500);
        }
        await stopped;
        var outage = clock.Elapsed;
        await platform.CommandAsync(resource, KnownResourceCommands.StartCommand);
        var recovery = await platform.RecoveryAsync(Patience);
        return new FaultOutcome(name, wentRed, outage, recovery);
    }
}
