using Microsoft.Extensions.Options;

namespace Tadamon.CourierSandbox;

/// <summary>Moves every ready parcel one step per tick and reports each step to shipping through the webhook sender.</summary>
public sealed class ParcelClock(ParcelStore store, WebhookSender sender, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<ParcelClock> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Tick();
        }
        catch (OperationCanceledException) { }
    }

    public void Tick()
    {
        var faults = store.Faults;
        foreach (var parcel in store.All)
        {
            foreach (var status in Advance(parcel, faults.OutOfOrder))
            {
                logger.LogInformation("Parcel {Tracking}: {Status}", parcel.Booking.TrackingNumber, status);
                sender.Enqueue(parcel, status, clock.GetUtcNow());
            }
        }
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
