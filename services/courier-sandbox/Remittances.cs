using System.Collections.Concurrent;

namespace Tadamon.CourierSandbox;

/// <summary>Settings under <c>Sandbox:Remittance</c>: how often the courier pays the agency what it collected.</summary>
public sealed class RemittanceOptions
{
    /// <summary>How often a statement is sent (a real courier remits weekly or so; the sandbox much faster). Zero: only on demand.</summary>
    public TimeSpan Cycle { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The courier's fee per delivered parcel, withheld from the transfer.</summary>
    public decimal FeeMad { get; set; } = 30.00m;
    /// <summary>Where statements go; by default the parcel webhook URL followed by <c>/remittances</c>.</summary>
    public Uri? Url { get; set; }
}

/// <summary>
/// Remittance misbehaviour on request: counts apply to the next parcels remitted; <see cref="Targets"/> names the
/// parcel (by tracking number) a fault must hit, so a test can spoil its own parcel among others.
/// </summary>
public sealed record RemittanceFaults(int RemitTwice, int Forget, int WrongAmount)
{
    public IReadOnlyDictionary<string, string> Targets { get; init; } = new Dictionary<string, string>();
}

public sealed record RemittedParcel(string TrackingNumber, decimal AmountMad, decimal FeeMad);

/// <summary>What the courier sends: one transfer for the listed parcels' cash less its fees.</summary>
public sealed record RemittanceStatement(string TransferReference, DateTimeOffset CollectedUntil, IReadOnlyList<RemittedParcel> Lines);

/// <summary>
/// The courier's cash box: which delivered parcels it has remitted, and the faults asked for. A parcel is owed once
/// its route finished with the cash collected; a forgotten parcel stays owed and goes in the next statement.
/// </summary>
public sealed class CashBox(ParcelStore parcels, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, bool> _remitted = new();
    private readonly Lock _gate = new();
    private RemittanceFaults _faults = new(0, 0, 0);
    private int _sequence;

    public RemittanceFaults Faults { get { lock (_gate) return _faults; } }

    /// <summary>One named change, as the dashboard's buttons ask for it; false when the name is unknown.</summary>
    public bool Add(string fault, string? trackingNumber = null)
    {
        lock (_gate)
        {
            if (trackingNumber is not null && fault is "remit-twice" or "forget" or "wrong-amount")
            {
                _faults = _faults with { Targets = new Dictionary<string, string>(_faults.Targets) { [trackingNumber] = fault } };
                return true;
            }
            _faults = fault switch
            {
                "remit-twice" => _faults with { RemitTwice = _faults.RemitTwice + 1 },
                "forget" => _faults with { Forget = _faults.Forget + 1 },
                "wrong-amount" => _faults with { WrongAmount = _faults.WrongAmount + 1 },
                "reset" => new RemittanceFaults(0, 0, 0),
                _ => _faults with { },
            };
            return fault is "remit-twice" or "forget" or "wrong-amount" or "reset";
        }
    }

    /// <summary>
    /// The next statement, or null when nothing is owed. The parcels in it count as remitted from now on (a
    /// statement that cannot be delivered is retried as is, never rebuilt).
    /// </summary>
    public RemittanceStatement? Next(decimal feeMad)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var owed = parcels.All.Where(IsCollected).Where(p => !_remitted.ContainsKey(p.Booking.ShipmentId))
                .OrderBy(p => p.Booking.TrackingNumber, StringComparer.Ordinal).ToList();
            if (owed.Count == 0) return null;
            var lines = new List<RemittedParcel>();
            var faults = _faults;
            var targets = new Dictionary<string, string>(faults.Targets);
            foreach (var parcel in owed)
            {
                var tracking = parcel.Booking.TrackingNumber;
                var targeted = targets.Remove(tracking, out var fault) ? fault : null;
                if (targeted == "forget" || (targeted is null && faults.Forget > 0 && owed.Count > 1))
                {
                    if (targeted is null) faults = faults with { Forget = faults.Forget - 1 };
                    continue;
                }
                var amount = parcel.Booking.CashOnDeliveryMad;
                if (targeted == "wrong-amount" || (targeted is null && faults.WrongAmount > 0))
                {
                    if (targeted is null) faults = faults with { WrongAmount = faults.WrongAmount - 1 };
                    amount -= Math.Min(10.00m, amount);
                }
                var line = new RemittedParcel(tracking, amount, Math.Min(feeMad, amount));
                lines.Add(line);
                if (targeted == "remit-twice" || (targeted is null && faults.RemitTwice > 0))
                {
                    if (targeted is null) faults = faults with { RemitTwice = faults.RemitTwice - 1 };
                    lines.Add(line);
                }
                _remitted[parcel.Booking.ShipmentId] = true;
            }
            _faults = faults with { Targets = targets };
            if (lines.Count == 0) return null;
            return new RemittanceStatement($"SBX-VIR-{now:yyyyMMdd}-{Interlocked.Increment(ref _sequence):D4}", now, lines);
        }
    }

    private static bool IsCollected(Parcel p)
    {
        lock (p.Gate)
        {
            var cash = Array.IndexOf(p.Route, "cash_collected");
            return cash >= 0 && p.NextStep > cash;
        }
    }
}
