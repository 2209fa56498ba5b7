using Microsoft.Extensions.Options;

namespace Tadamon.CourierSandbox;

/// <summary>
/// Moves every ready parcel one step per tick and reports each step to shipping through the webhook sender.
/// In manual mode the clock does not run: parcels move on the control API's advance and tick calls only.
/// </summary>
public sealed class ParcelClock(ParcelStore store, WebhookSender sender, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<ParcelClock> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsManual)
        {
            logger.LogInformation("Sandbox in manual mode: parcels move only through POST /control/parcels/{{tracking}}/advance or /control/tick");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.StepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Tick();
        }
        catch (OperationCanceledException) { }
    }

    public void Tick()
    {
        foreach (var parcel in store.All) Step(parcel);
    }

    /// <summary>Moves one parcel one step (as a tick would) and returns what it reported; nothing when it is not ready or finished.</summary>
    public IReadOnlyList<string> Step(Parcel parcel)
    {
        var steps = Advance(parcel, store.Faults.OutOfOrder);
        foreach (var status in steps)
        {
            logger.LogInformation("Parcel {Tracking}: {Status}", parcel.Booking.TrackingNumber, status);
            sender.Enqueue(parcel, status, clock.GetUtcNow());
        }
        return steps;
    }

    /// <summary>
    /// The statuses this tick reports for a parcel. Out of order: the next two steps are reported together,
    /// the later one first. A parcel cancelled after pickup goes straight back to the cooperative.
    /// </summary>
    private static List<string> Advance(Parcel parcel, bool outOfOrder)
    {
        lock (parcel.Gate)
        {
            if (!parcel.Ready || parcel.Finished) return [];
            if (parcel.Cancelled)
            {
                if (parcel.NextStep == 0) { parcel.NextStep = parcel.Route.Length; return []; }
                parcel.NextStep = parcel.Route.Length;
                return ["returned"];
            }
            var take = outOfOrder && parcel.NextStep + 1 < parcel.Route.Length ? 2 : 1;
            var steps = parcel.Route.Skip(parcel.NextStep).Take(take).ToList();
            parcel.NextStep += take;
            if (take == 2) steps.Reverse();
            return steps;
        }
    }
}
