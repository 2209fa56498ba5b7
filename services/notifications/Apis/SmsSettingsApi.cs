using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Apis;

/// <summary>A person's own SMS settings: the mobile to text, the language, SMS on or off.</summary>
public static class SmsSettingsApi
{
    public static RouteGroupBuilder MapSmsSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/me/sms").WithTags("SMS settings");
        group.MapGet("/", Get).WithName("MySmsSettings").SignedIn()
            .WithSummary("The caller's SMS settings (none yet: no phone, Arabic, SMS on)");
        group.MapPut("/", Put).WithName("SetMySmsSettings").SignedIn()
            .WithSummary("Set the mobile (06/07, any common spelling), the language (ar or fr) and whether SMS are sent; turning SMS on again lifts a STOP sent from that phone");
        return group;
    }

    public sealed record SmsSettings(string? Phone, string Language, bool SmsEnabled, bool StoppedByReply);

    public sealed record SmsSettingsChange(string? Phone, string? Language, bool SmsEnabled);

    private static async Task<Results<Ok<SmsSettings>, ProblemHttpResult>> Get(NotificationsDbContext db, CallerAccessor callers, HttpContext http, CancellationToken ct)
    {
        if (callers.Current.UserId is not { } person) return Problems.Unauthorized(http);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.PersonId == person, ct);
        var stopped = contact?.Phone is { } phone && await db.OptOuts.AnyAsync(o => o.Phone == phone && o.Source == "reply", ct);
        return TypedResults.Ok(new SmsSettings(contact?.Phone, contact?.Language ?? "ar", contact?.SmsEnabled ?? true, stopped));
    }

    private static async Task<Results<Ok<SmsSettings>, ProblemHttpResult, ValidationProblem>> Put(
        SmsSettingsChange change, NotificationsDbContext db, CallerAccessor callers, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (callers.Current.UserId is not { } person) return Problems.Unauthorized(http);
        var phone = MoroccanPhone.Normalise(change.Phone);
        if (!string.IsNullOrWhiteSpace(change.Phone) && phone is null)
            return Problems.Invalid(http, "phone", "Numéro de mobile marocain invalide (06 ou 07, 10 chiffres).", "رقم الهاتف المحمول المغربي غير صالح (06 أو 07، 10 أرقام).");
        if (change.SmsEnabled && phone is null)
            return Problems.Invalid(http, "phone", "Un numéro de mobile est nécessaire pour recevoir des SMS.", "رقم الهاتف المحمول ضروري لتلقي الرسائل القصيرة.");
        if (change.Language is not ("ar" or "fr"))
            return Problems.Invalid(http, "language", "Langue : ar ou fr.", "اللغة: ar أو fr.");

        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.PersonId == person, ct);
        if (contact is null) db.Contacts.Add(contact = new SmsContact { PersonId = person });
        contact.Phone = phone;
        contact.Language = change.Language;
        contact.SmsEnabled = change.SmsEnabled;
        contact.UpdatedAt = clock.GetUtcNow();
        // The phone's owner says yes again: a STOP sent from it earlier no longer holds.
        if (change.SmsEnabled && phone is not null)
            await db.OptOuts.Where(o => o.Phone == phone).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SmsSettings(contact.Phone, contact.Language, contact.SmsEnabled, false));
    }
}
