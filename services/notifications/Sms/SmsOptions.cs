namespace Tadamon.Notifications.Sms;

public sealed class SmsOptions
{
    /// <summary>The SMS gateway's base URL (the sandbox on a developer's machine).</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>The sender name phones show (11 characters at most, as gateways allow).</summary>
    public string Sender { get; set; } = "TADAMON";

    /// <summary>Gateway refusals or outages before a message is given up (Failed, replayable by an operator).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the dispatcher looks for messages due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The keys delivery reports and replies are signed with (two during a rotation).</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>
    /// Hold SMS through Morocco's quiet hours (21:00–08:00). Off only where the whole platform is tested at any
    /// hour of the day (the end-to-end and fault suites); never in production.
    /// </summary>
    public bool HoldInQuietHours { get; set; } = true;

    /// <summary>The first moment from <paramref name="instant"/> an SMS may go out.</summary>
    public DateTimeOffset AllowedFrom(DateTimeOffset instant) => HoldInQuietHours ? QuietHours.NextAllowed(instant) : instant;

    /// <summary>The in-app notification kinds also sent by SMS; the others stay in the app.</summary>
    public List<string> Kinds { get; set; } = [];
}
