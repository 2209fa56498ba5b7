using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Sms;

public enum ReportOutcome { Applied, Duplicate, Unknown }

/// <summary>
/// Decides what is texted to whom: one <see cref="SmsMessage"/> per notification, in the person's language, held
/// through quiet hours, withheld from those who said no. Callers save (consumers: the inbox commits once per batch).
/// </summary>
public sealed class SmsDesk(NotificationsDbContext db, IOptions<SmsOptions> options, TimeProvider clock)
{
    public const int MaxTextLength = 640;

    /// <summary>Words a reply may carry to stop every SMS to its phone (French, Arabic, English, as people write them).</summary>
    private static readonly string[] StopWords = ["STOP", "ARRET", "ARRÊT", "توقف", "قف"];

    public bool IsSentBySms(string kind) => options.Value.Kinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Writes the SMS for <paramref name="notificationId"/> unless one exists already (a copy of the event, or a
    /// second event for the same news). <paramref name="phone"/>, when given, is where this news goes (a parcel's
    /// delivery phone); otherwise the person's own number from their profile.
    /// </summary>
    public async Task QueueAsync(Guid notificationId, string personId, string kind, string? phone, string textAr, string textFr, CancellationToken ct)
    {
        if (db.SmsMessages.Local.Any(m => m.NotificationId == notificationId)
            || await db.SmsMessages.AnyAsync(m => m.NotificationId == notificationId, ct)) return;
        var contact = await db.Contacts.FindAsync([personId], ct);
        var to = phone ?? contact?.Phone;
        var language = contact?.Language ?? "ar";
        var now = clock.GetUtcNow();
        var withheld = await WhyWithheldAsync(to, contact, ct);
        var text = "Tadamon: " + (language == "fr" ? textFr : textAr);
        db.SmsMessages.Add(new SmsMessage
        {
            NotificationId = notificationId, PersonId = personId, Kind = kind, Phone = to ?? "", Language = language,
            Text = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text,
            CreatedAt = now, DueAt = options.Value.AllowedFrom(now),
            State = withheld is null ? SmsState.Pending : SmsState.Withheld, LastError = withheld,
        });
    }

    /// <summary>Why nothing may be texted to <paramref name="phone"/> now, or null when it may.</summary>
    public async Task<string?> WhyWithheldAsync(string? phone, SmsContact? contact, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(phone)) return "No mobile number on the profile";
        if (contact is { SmsEnabled: false }) return "SMS turned off on the profile";
        if (await db.OptOuts.AnyAsync(o => o.Phone == phone, ct)) return "The phone answered STOP";
        return null;
    }

    /// <summary>
    /// A delivery report, matched by the gateway's message id. Only a message still Sent changes: a second report
    /// (duplicate, or late after another) finds it Delivered or Failed and changes nothing.
    /// </summary>
    public async Task<ReportOutcome> ApplyReportAsync(string providerMessageId, bool delivered, DateTimeOffset at, CancellationToken ct)
    {
        var state = delivered ? SmsState.Delivered : SmsState.Failed;
        var error = delivered ? null : "The gateway reported the message undelivered";
        var changed = await db.SmsMessages.Where(m => m.ProviderMessageId == providerMessageId && m.State == SmsState.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.ReportedAt, at).SetProperty(m => m.LastError, error), ct);
        if (changed > 0) return ReportOutcome.Applied;
        return await db.SmsMessages.AnyAsync(m => m.ProviderMessageId == providerMessageId, ct) ? ReportOutcome.Duplicate : ReportOutcome.Unknown;
    }

    public static bool IsStop(string text)
    {
        var word = text.Trim().TrimEnd('.', '!').ToUpperInvariant();
        return StopWords.Contains(word, StringComparer.Ordinal);
    }

    /// <summary>Records that <paramref name="phone"/> wants no more SMS (once; a second STOP changes nothing).</summary>
    public async Task OptOutAsync(string phone, string source, CancellationToken ct)
    {
        if (!await db.OptOuts.AnyAsync(o => o.Phone == phone, ct))
            db.OptOuts.Add(new SmsOptOut { Phone = phone, Source = source, At = clock.GetUtcNow() });
    }
}
