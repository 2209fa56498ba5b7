using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Apis;

/// <summary>What operators see of the SMS: every message with its state, attempts and last error; a failed one can be replayed.</summary>
public static class SmsMessagesApi
{
    public static RouteGroupBuilder MapSmsMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sms").WithTags("SMS");
        group.MapGet("/", List).WithName("ListSms").For(Roles.Operator)
            .WithSummary("SMS newest first; state filters (Pending, Sent, Delivered, Failed, Withheld)");
        group.MapPost("/{id:guid}/replay", Replay).WithName("ReplaySms").For(Roles.Operator)
            .WithSummary("Send a Failed SMS again (a new send at the gateway, attempts counted afresh); 409 for any other state");
        return group;
    }

    public sealed record SmsView(Guid Id, Guid NotificationId, string PersonId, string Kind, string Phone, string Language, string Text,
        SmsState State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt,
        DateTimeOffset? ReportedAt, string? ProviderMessageId, int Replays);

    private static async Task<Results<Ok<Page<SmsView>>, ValidationProblem>> List(
        NotificationsDbContext db, HttpContext http, string? state, string? personId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.SmsMessages.AsNoTracking();
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<SmsState>(state, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
                return Problems.Invalid(http, "state", "État inconnu : Pending, Sent, Delivered, Failed ou Withheld.", "حالة غير معروفة.");
            query = query.Where(m => m.State == wanted);
        }
        if (!string.IsNullOrEmpty(personId)) query = query.Where(m => m.PersonId == personId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((p - 1) * size).Take(size)
            .Select(m => new SmsView(m.Id, m.NotificationId, m.PersonId, m.Kind, m.Phone, m.Language, m.Text, m.State, m.Attempts, m.LastError,
                m.CreatedAt, m.DueAt, m.SentAt, m.ReportedAt, m.ProviderMessageId, m.Replays))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<SmsView>(rows, p, size, total));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Replay(
        Guid id, NotificationsDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // One statement: two operators replaying at once make one new send, not two.
        var replayed = await db.SmsMessages.Where(m => m.Id == id && m.State == SmsState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, SmsState.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.Replays, m => m.Replays + 1).SetProperty(m => m.ProviderMessageId, (string?)null)
                .SetProperty(m => m.DueAt, now), ct);
        if (replayed > 0) return TypedResults.NoContent();
        if (!await db.SmsMessages.AnyAsync(m => m.Id == id, ct)) return TypedResults.NotFound();
        return Problems.Conflict(http, "Seul un SMS en échec peut être renvoyé.", "لا يمكن إعادة إرسال إلا رسالة فشلت.", "not-failed");
    }
}
