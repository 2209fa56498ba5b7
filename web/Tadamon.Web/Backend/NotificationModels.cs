namespace Tadamon.Web.Backend;

// Notifications' answers, as the pages read them (see services/notifications/Apis).

public sealed record SmsSettings(string? Phone, string Language, bool SmsEnabled, bool StoppedByReply);

public sealed record SmsView(Guid Id, Guid NotificationId, string PersonId, string Kind, string Phone, string Language, string Text,
    string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt,
    DateTimeOffset? ReportedAt, string? ProviderMessageId, int Replays);
