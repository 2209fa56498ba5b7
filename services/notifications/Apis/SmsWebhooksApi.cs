using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;
using Tadamon.Notifications.Sms;

namespace Tadamon.Notifications.Apis;

/// <summary>
/// The SMS gateway's callbacks, authenticated by Standard Webhooks signature only: delivery reports (matched by the
/// gateway's message id; a duplicate changes nothing) and replies from phones (STOP stops every SMS to that phone).
/// </summary>
public static class SmsWebhooksApi
{
    public static IEndpointRouteBuilder MapSmsWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/sms").WithTags("SMS gateway").DisableAntiforgery();
        group.MapPost("/delivery-reports", Report).WithName("ReceiveSmsDeliveryReport").Public().SignedWebhook()
            .WithSummary("A delivery report (delivered or failed) for a message id the gateway gave")
            .WithDescription("200: applied, or `duplicate: true` when that message already had its report; 404: no message has that id yet " +
                "(the gateway retries); 400: unreadable report; 401: bad signature or stale timestamp.")
            .Accepts<DeliveryReport>("application/json");
        group.MapPost("/replies", Reply).WithName("ReceiveSmsReply").Public().SignedWebhook()
            .WithSummary("A reply from a phone; STOP (or ARRET, توقف) stops every SMS to it")
            .Accepts<PhoneReply>("application/json");
        return app;
    }

    public sealed record DeliveryReport(string MessageId, string Status, DateTimeOffset At);

    public sealed record PhoneReply(string From, string Text, DateTimeOffset At);

    public sealed record ReportApplied(string MessageId, bool Duplicate);

    public sealed record ReplyHandled(bool StoppedSms);

    private static async Task<(string Body, bool Signed)> ReadSignedAsync(HttpContext http, IOptions<SmsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        return (body, WebhookSignatures.IsSigned(body, http.Request.Headers, options.Value.WebhookSecrets, loggers.CreateLogger("Tadamon.Notifications.SmsWebhooks")));
    }

    private static ProblemHttpResult BadSignature(HttpContext http) => Problems.Problem(http, StatusCodes.Status401Unauthorized,
        "Signature de webhook invalide ou expirée.", "توقيع الإشعار غير صالح أو منتهي الصلاحية.", "invalid-signature");

    private static T? Parse<T>(string body) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }

    private static async Task<Results<Ok<ReportApplied>, NotFound, ProblemHttpResult, ValidationProblem>> Report(
        HttpContext http, SmsDesk desk, IOptions<SmsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, signed) = await ReadSignedAsync(http, options, loggers, ct);
        if (!signed) return BadSignature(http);
        if (Parse<DeliveryReport>(body) is not { MessageId.Length: > 0, Status: "delivered" or "failed" } report)
            return Problems.Invalid(http, "body", "Rapport de remise illisible (messageId, status delivered ou failed).", "تقرير التسليم غير مقروء.");
        return await desk.ApplyReportAsync(report.MessageId, report.Status == "delivered", report.At, ct) switch
        {
            ReportOutcome.Applied => TypedResults.Ok(new ReportApplied(report.MessageId, false)),
            ReportOutcome.Duplicate => TypedResults.Ok(new ReportApplied(report.MessageId, true)),
            // Its send may not be committed yet: the gateway tries again shortly.
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<ReplyHandled>, ProblemHttpResult, ValidationProblem>> Reply(
        HttpContext http, SmsDesk desk, NotificationsDbContext db, IOptions<SmsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var (body, signed) = await ReadSignedAsync(http, options, loggers, ct);
        if (!signed) return BadSignature(http);
        if (Parse<PhoneReply>(body) is not { } reply || MoroccanPhone.Normalise(reply.From) is not { } phone || reply.Text is null)
            return Problems.Invalid(http, "body", "Réponse illisible (from, text).", "الرد غير مقروء.");
        if (!SmsDesk.IsStop(reply.Text)) return TypedResults.Ok(new ReplyHandled(false));
        await desk.OptOutAsync(phone, "reply", ct);
        // The profile shows SMS off for everyone whose number this is.
        await db.Contacts.Where(c => c.Phone == phone).ExecuteUpdateAsync(s => s.SetProperty(c => c.SmsEnabled, false), ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* two STOPs at once: the other one recorded it */ }
        return TypedResults.Ok(new ReplyHandled(true));
    }
}
