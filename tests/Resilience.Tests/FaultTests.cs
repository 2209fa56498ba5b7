using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Tadamon.Resilience.Tests;

/// <summary>
/// Nothing lost, nothing twice: a steady flow of checkouts and pre-registrations through the gateway, one fault in the
/// middle of it, and afterwards the invariants, read from the databases and the history of requests and answers.
/// </summary>
[Collection("resilience")]
public sealed class FaultTests(ResilientPlatform platform, ITestOutputHelper output)
{
    private const int Checkouts = 100;
    private const int Courses = 10; // × 10 beneficiaries = 100 pre-registrations
    private static readonly TimeSpan FaultAfter = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public Task When_the_broker_is_killed_mid_flow_Should_lose_and_repeat_nothing() =>
        FlowThroughAsync("broker", faults => faults.KillBrokerAsync());

    [Theory]
    [InlineData("orders")]
    [InlineData("catalog")]
    [InlineData("shipping")]
    [InlineData("enrollment")]
    [InlineData("settlement")]
    public async Task When_a_service_is_killed_mid_flow_Should_lose_and_repeat_nothing(string service) =>
        // A service that runs once goes red; one of two copies dying leaves the other answering.
        await FlowThroughAsync(service, faults => faults.KillServiceAsync(service), healthTurnsRed: (await platform.CopiesAsync(service)).Count == 1);

    [Fact]
    public Task When_the_database_restarts_mid_flow_Should_lose_and_repeat_nothing() =>
        FlowThroughAsync("postgres", faults => faults.RestartDatabaseAsync());

    // Nobody restarts PostgreSQL here: its supervisor in the AppHost must (the broker's case is the first test).
    [Fact]
    public Task When_the_database_is_killed_mid_flow_Should_come_back_by_itself_and_lose_nothing() =>
        FlowThroughAsync("postgres-kill", faults => faults.KillDatabaseAsync());

    [Fact]
    public Task When_the_courier_misbehaves_and_is_unreachable_at_booking_Should_lose_and_repeat_nothing() =>
        FlowThroughAsync("courier", async _ =>
        {
            var clock = Stopwatch.StartNew();
            await CourierAsync(new { duplicates = true, outOfOrder = true, failNextDeliveries = 10, badSignatures = 10, unreachable = true });
            // Bookings asked for now are refused: shipping must keep the shipments and book them once the courier is back.
            // The outage lasts at least 10 s, and until a booking has met it (at most 40 s): on a loaded machine the
            // flow may be between shipments when the courier goes away.
            var waiting = 0L;
            while (clock.Elapsed < TimeSpan.FromSeconds(10) || (waiting == 0 && clock.Elapsed < TimeSpan.FromSeconds(40)))
            {
                waiting = Math.Max(waiting, await new Invariants(platform, output).CountAsync("shippingdb",
                    """SELECT count(*) FROM shipments WHERE "Status" = 'Created' AND NOT "CancelRequested" AND "CreatedAt" < now() - interval '3 seconds'"""));
                await Task.Delay(500);
            }
            await CourierAsync(new { duplicates = true, outOfOrder = true });
            Assert.True(waiting > 0, "no booking met the courier outage: inject it earlier");
            return new FaultOutcome("courier duplicates, reordering, failures, outage", WentRed: false, clock.Elapsed, TimeSpan.Zero,
                $"up to {waiting} shipments waiting for a booking during the outage");
        }, healthTurnsRed: false);

    private async Task FlowThroughAsync(string name, Func<FaultInjector, Task<FaultOutcome>> inject, bool healthTurnsRed = true)
    {
        var clock = Stopwatch.StartNew();
        var run = $"{name}-{Guid.NewGuid():N}"[..20];
        var requestsBefore = platform.History.Requests;
        var unansweredBefore = platform.History.Unanswered;
        var market = new MarketFlow(platform, run, Checkouts);
        var window = new WindowFlow(platform, run, Courses);
        await market.PrepareAsync();
        await window.PrepareAsync();
        if (name != "courier") await CourierAsync(new { failNextDeliveries = 5 }); // some parcels come back

        using var stopPacking = new CancellationTokenSource();
        var packing = market.PackConfirmedOrdersAsync(stopPacking.Token);
        var flows = Task.WhenAll(market.RunCheckoutsAsync(), window.RunAsync());
        await Task.WhenAny(flows, Task.Delay(FaultAfter));
        Assert.False(flows.IsCompleted, "the flow ended before the fault: make it longer");
        var fault = await inject(new FaultInjector(platform));
        await flows;

        var invariants = new Invariants(platform, output);
        try
        {
            await invariants.ReplayDeadLettersAsync();
            await invariants.MarketAsync(market, Patience);
            await invariants.WindowAsync(window, Patience);
            await invariants.MessagesAsync(Patience);
        }
        finally
        {
            await stopPacking.CancelAsync();
            await packing;
            try { await CourierAsync(new { }); }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                output.WriteLine($"the courier sandbox did not take its faults back: {ex.Message}"); // must not hide the test's own failure
            }
            output.WriteLine($"{fault.Name}: {platform.History.Requests - requestsBefore} requests " +
                $"({platform.History.Unanswered - unansweredBefore} unanswered or 5xx, retried), 1 fault, down {fault.Outage.TotalSeconds:F1} s, " +
                $"healthy again {fault.Recovery.TotalSeconds:F1} s after restart, health red during fault: {(healthTurnsRed ? fault.WentRed.ToString() : "n/a")}, " +
                $"{fault.Note}{(fault.Note is null ? "" : ", ")}" +
                $"dead letters replayed {invariants.DeadLettersReplayed}, lost = {invariants.Lost}, duplicated = {invariants.Duplicated}, " +
                $"test took {clock.Elapsed.TotalSeconds:F0} s");
        }
        if (healthTurnsRed) Assert.True(fault.WentRed, "health stayed green while the fault lasted");
        Assert.True(await platform.AllHealthyAsync(), "health is not green again after recovery");
        Assert.Equal(0, invariants.Lost);
        Assert.Equal(0, invariants.Duplicated);
    }

    private async Task CourierAsync(object faults)
    {
        using var courier = platform.Direct("courier-sandbox");
        (await courier.PutAsJsonAsync("/control/faults", faults)).EnsureSuccessStatusCode();
    }
}
