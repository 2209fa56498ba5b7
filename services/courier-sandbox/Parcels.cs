using System.Collections.Concurrent;

namespace Tadamon.CourierSandbox;

public static class SandboxModes
{
    /// <summary>Parcels move on the clock, one step every <see cref="SandboxOptions.StepInterval"/>.</summary>
    public const string Automatic = "automatic";
    /// <summary>Parcels move only when told to (<c>POST /control/parcels/{tracking}/advance</c>, or <c>/control/tick</c>).</summary>
    public const string Manual = "manual";
}

public sealed class SandboxOptions
{
    /// <summary><c>automatic</c> (default) or <c>manual</c>: a partner plays the courier by hand.</summary>
    public string Mode { get; set; } = SandboxModes.Automatic;
    public bool IsManual => string.Equals(Mode, SandboxModes.Manual, StringComparison.OrdinalIgnoreCase);
    /// <summary>How often every ready parcel moves one step (automatic mode).</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>Shipping's webhook endpoint (normally the gateway's <c>/webhooks/courier</c>).</summary>
    public Uri? WebhookUrl { get; set; }
    /// <summary>The key webhooks are signed with (<c>whsec_</c> + base64), shared with shipping.</summary>
    public string SigningSecret { get; set; } = "";
    /// <summary>How many times one webhook is sent before the sandbox gives up on it.</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;
    public Faults Faults { get; set; } = new();
}

/// <summary>Misbehaviour on request, so shipping's defences can be watched working.</summary>
public sealed class Faults
{
    /// <summary>Send every webhook twice with the same id.</summary>
    public bool Duplicates { get; set; }
    /// <summary>Send a parcel's next two statuses in reverse order.</summary>
    public bool OutOfOrder { get; set; }
    /// <summary>The next N parcels fail at the door and are returned to the cooperative.</summary>
    public int FailNextDeliveries { get; set; }
    /// <summary>The next N webhooks are first sent with a wrong signature (then properly).</summary>
    public int BadSignatures { get; set; }
    /// <summary>The courier's booking desk is down: every call from shipping gets 503 until this is switched off.</summary>
    public bool Unreachable { get; set; }
}

public sealed record BookingRequest(
    Guid ShipmentId, string TrackingNumber, Guid SenderCooperativeId, string RecipientName, string RecipientPhone,
    string Region, string City, string Street, int ItemCount, decimal CashOnDeliveryMad);

/// <summary>A parcel the sandbox carries. Its route is fixed at booking: delivered, or failed and returned.</summary>
public sealed class Parcel
{
    public required BookingRequest Booking { get; init; }
    public required string CourierReference { get; init; }
    public required string[] Route { get; set; }
    public int NextStep { get; set; }
    public bool Ready { get; set; }
    public bool Cancelled { get; set; }
    public bool Finished => NextStep >= Route.Length;
    public object Gate { get; } = new();

    public static readonly string[] Delivered = ["picked_up", "in_transit", "out_for_delivery", "delivered", "cash_collected"];
    public static readonly string[] FailedAndReturned = ["picked_up", "in_transit", "out_for_delivery", "delivery_failed", "returned"];
}

/// <summary>The sandbox's memory: parcels by shipment id, and the faults currently asked for.</summary>
public sealed class ParcelStore
{
    private readonly ConcurrentDictionary<Guid, Parcel> _parcels = new();
    private readonly Lock _faultsLock = new();
    private Faults _faults;

    public ParcelStore(Microsoft.Extensions.Options.IOptions<SandboxOptions> options) => _faults = Clone(options.Value.Faults);

    public IEnumerable<Parcel> All => _parcels.Values;

    public Parcel? Find(Guid shipmentId) => _parcels.GetValueOrDefault(shipmentId);

    public Parcel? FindByTracking(string trackingNumber) => _parcels.Values.FirstOrDefault(p => p.Booking.TrackingNumber == trackingNumber);

    /// <summary>Books once per shipment id: a retried booking gets the same parcel back.</summary>
    public Parcel Book(BookingRequest booking) => _parcels.GetOrAdd(booking.ShipmentId, _ => new Parcel
    {
        Booking = booking,
        CourierReference = $"SBX-{Random.Shared.Next(10_000_000, 99_999_999)}",
        Route = TakeDeliveryFailure() ? Parcel.FailedAndReturned : Parcel.Delivered,
    });

    public Faults Faults { get { lock (_faultsLock) return Clone(_faults); } }

    public void SetFaults(Faults faults) { lock (_faultsLock) _faults = Clone(faults); }

    /// <summary>One named change, as the dashboard's buttons ask for it; false when the name is unknown.</summary>
    public bool Toggle(string fault)
    {
        lock (_faultsLock)
        {
            switch (fault)
            {
                case "duplicates": _faults.Duplicates = !_faults.Duplicates; return true;
                case "out-of-order": _faults.OutOfOrder = !_faults.OutOfOrder; return true;
                case "fail-next-delivery": _faults.FailNextDeliveries++; return true;
                case "bad-signature": _faults.BadSignatures++; return true;
                case "unreachable": _faults.Unreachable = !_faults.Unreachable; return true;
                case "reset": _faults = new Faults(); return true;
                default: return false;
            }
        }
    }

    private bool TakeDeliveryFailure()
    {
        lock (_faultsLock)
        {
            if (_faults.FailNextDeliveries <= 0) return false;
            _faults.FailNextDeliveries--;
            return true;
        }
    }

    public bool TakeBadSignature()
    {
        lock (_faultsLock)
        {
            if (_faults.BadSignatures <= 0) return false;
            _faults.BadSignatures--;
            return true;
        }
    }

    private static Faults Clone(Faults f) => new()
    {
        Duplicates = f.Duplicates, OutOfOrder = f.OutOfOrder, FailNextDeliveries = f.FailNextDeliveries, BadSignatures = f.BadSignatures, Unreachable = f.Unreachable,
    };
}
