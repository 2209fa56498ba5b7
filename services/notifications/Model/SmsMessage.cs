namespace Tadamon.Notifications.Model;

/// <summary>
/// Pending (waiting for its time: a retry, or the end of quiet hours) → Sent (the gateway took it) → Delivered or
/// Failed (its delivery report). Failed also ends a message the gateway refused <see cref="SmsOptions.MaxAttempts"/>
/// times; an operator may replay it. Withheld: never sent (the person opted out, or gave no phone).
/// </summary>
public enum SmsState { Pending, Sent, Delivered, Failed, Withheld }

/// <summary>One SMS for one notification: unique on <see cref="NotificationId"/>, so a notification is never texted twice.</summary>
public sealed class SmsMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The notification this SMS relays (enrollment's in-app message id, or one derived from a parcel's news).</summary>
    public Guid NotificationId { get; init; }

    /// <summary>Whose it is: the beneficiary's or buyer's account id.</summary>
    public required string PersonId { get; init; }

    public required string Kind { get; init; }
    public required string Phone { get; init; }
    public required string Language { get; init; }
    public required string Text { get; init; }
    public SmsState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the dispatcher may next try it (a retry's backoff, or 08:00 in Morocco after quiet hours).</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }

    /// <summary>The gateway's id for the message; delivery reports are matched by it.</summary>
    public string? ProviderMessageId { get; set; }

    public string? LastError { get; set; }

    /// <summary>How often an operator replayed it: each replay is a new send with its own reference at the gateway.</summary>
    public int Replays { get; set; }

    /// <summary>
    /// What the gateway knows this send by. A retry of one send reuses it, so a send whose answer was lost is not
    /// sent twice (the gateway answers the same message); only a replay makes a new one.
    /// </summary>
    public string Reference => Replays == 0 ? Id.ToString("N") : $"{Id:N}-{Replays}";
}

/// <summary>How a person wants to be reached by SMS: set on their profile page.</summary>
public sealed class SmsContact
{
    /// <summary>The account id (the token's subject).</summary>
    public required string PersonId { get; init; }
    public string? Phone { get; set; }

    /// <summary>"ar" or "fr": the language of every SMS to this person.</summary>
    public string Language { get; set; } = "ar";
    public bool SmsEnabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A phone that answered STOP (or whose owner turned SMS off): nothing is texted to it until its owner turns SMS on again.</summary>
public sealed class SmsOptOut
{
    public required string Phone { get; init; }
    public required string Source { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Orders' confirmed orders as far as a parcel's SMS needs them: whose, and the phone the courier calls.</summary>
public sealed class OrderContact
{
    public Guid OrderId { get; init; }
    public required string BuyerId { get; init; }

    /// <summary>The delivery phone as a Moroccan mobile; null when it is not one (nothing to text).</summary>
    public string? Phone { get; init; }
}
