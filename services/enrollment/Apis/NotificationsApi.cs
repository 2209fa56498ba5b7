using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Apis;

public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/me/notifications").WithTags("Notifications");
        group.MapGet("/", List).WithName("MyNotifications").SignedIn().WithSummary("The caller's in-app messages, newest first");
        group.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").SignedIn().WithSummary("Mark one message read");
        return group;
    }

    public sealed record NotificationResponse(Guid Id, NotificationKind Kind, Guid? CourseId, string TextAr, string TextFr, DateTimeOffset CreatedAt, bool Read);

    private static async Task<Results<Ok<Page<NotificationResponse>>, ProblemHttpResult>> List(
        RequestScope rs, bool? unreadOnly, int? page, int? pageSize)
    {
        if (!rs.Caller.IsAuthenticated) return Problems.Unauthorized(rs.Http);
        var (p, size) = Paging.Clamp(page, pageSize);
        var user = rs.Caller.UserId;
        var query = rs.Db.Notifications.AsNoTracking().Where(n => n.BeneficiaryId == user);
        if (unreadOnly == true) query = query.Where(n => n.ReadAt == null);
        var total = await query.CountAsync(rs.Ct);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((p - 1) * size).Take(size)
            .Select(n => new NotificationResponse(n.Id, n.Kind, n.CourseId, n.TextAr, n.TextFr, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(rs.Ct);
        return TypedResults.Ok(new Page<NotificationResponse>(rows, p, size, total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, RequestScope rs)
    {
        if (!rs.Caller.IsAuthenticated) return Problems.Unauthorized(rs.Http);
        var user = rs.Caller.UserId;
        var notification = await rs.Db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.BeneficiaryId == user, rs.Ct);
        if (notification is null) return rs.NotFound("Message introuvable.", "الرسالة غير موجودة.");
        notification.ReadAt ??= rs.Now;
        await rs.Db.SaveChangesAsync(rs.Ct);
        return TypedResults.NoContent();
    }
}
