namespace Tadamon.SmsSandbox;

public sealed class SandboxOptions
{
    /// <summary>Where delivery reports are posted (the platform's public webhook URL).</summary>
    public string? DeliveryReportUrl { get; set; }

    /// <summary>Where replies from phones (STOP...) are posted.</summary>
    public string? InboundUrl { get; set; }

    /// <summary>The Standard Webhooks key both callbacks are signed with.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>How long after accepting a message its delivery report is sent.</summary>
    public TimeSpan ReportDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxReportAttempts { get; set; } = 8;

    public Faults Faults { get; set; } = new();
}

/// <summary>
/// The misbehaviour asked for: an outage (every send answered 503), slow answers (each send held 3 s before its
/// answer, longer than a careful client waits), every delivery report sent twice, the next N messages failing at the phone.
/// </summary>
public sealed record Faults(bool Outage = false, bool SlowAnswers = false, bool DuplicateReports = false, int FailNextDeliveries = 0);

/// <summary>One message the gateway accepted, as the sandbox keeps it for tests and developers to read.</summary>
public sealed record ReceivedSms(string MessageId, string Sender, string Recipient, string Text, string Reference, DateTimeOffset AcceptedAt)
{
    public string Status { get; set; } = "accepted";

    /// <summary>Copies handed to the phone: always 1; a second send with the same reference is answered, not sent again.</summary>
    public int TimesSent { get; set; } = 1;

    /// <summary>Sends of this reference the gateway answered with the message it already had.</summary>
    public int RepeatedRequests { get; set; }
}

/// <summary>
/// Every message the gateway accepted, keyed by the sender's reference: like the Moroccan gateways that take a
/// client reference, a retry of a send whose answer was lost gets the same message id and no second SMS.
/// </summary>
public sealed class Handset(Microsoft.Extensions.Options.IOptions<SandboxOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReceivedSms> _byReference = new(StringComparer.Ordinal);
    private readonly List<ReceivedSms> _inOrder = [];
    private Faults _faults = options.Value.Faults;

    public Faults Faults { get { lock (_gate) return _faults; } }

    public void SetFaults(Faults faults) { lock (_gate) _faults = faults with { FailNextDeliveries = Math.Max(0, faults.FailNextDeliveries) }; }

    /// <summary>Accepts a message, or finds the one already accepted under this reference (<c>New</c> false).</summary>
    public (ReceivedSms Sms, bool New) Accept(string sender, string recipient, string text, string reference, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_byReference.TryGetValue(reference, out var known))
            {
                known.RepeatedRequests++;
                return (known, false);
            }
            var sms = new ReceivedSms($"SMS{Guid.NewGuid():N}"[..19].ToUpperInvariant(), sender, recipient, text, reference, now);
            _byReference[reference] = sms;
            _inOrder.Add(sms);
            return (sms, true);
        }
    }

    /// <summary>Whether this message reaches the phone; a requested failure is used up here.</summary>
    public string Deliver(ReceivedSms sms)
    {
        lock (_gate)
        {
            var fails = _faults.FailNextDeliveries > 0;
            if (fails) _faults = _faults with { FailNextDeliveries = _faults.FailNextDeliveries - 1 };
            sms.Status = fails ? "failed" : "delivered";
            return sms.Status;
        }
    }

    public IReadOnlyList<ReceivedSms> All() { lock (_gate) return [.. _inOrder]; }

    public IReadOnlyList<ReceivedSms> To(string recipient) { lock (_gate) return [.. _inOrder.Where(s => s.Recipient == recipient)]; }

    public ReceivedSms? Find(string messageId) { lock (_gate) return _inOrder.FirstOrDefault(s => s.MessageId == messageId); }
}
