using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.IntegrationEvents;

/// <summary>Keeps live classes in step with courses and tells every seated beneficiary what changed.</summary>
internal static class LiveClassNews
{
    public static async Task TellSeatedAsync(EnrollmentDbContext db, Guid courseId, NotificationKind kind, string fr, string ar, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var people = await db.Enrollments.Where(e => e.CourseId == courseId && e.Status == EnrollmentStatus.Seated)
            .Select(e => e.BeneficiaryId).Distinct().ToListAsync(ct);
        foreach (var person in people) SeatDesk.Notify(db, person, kind, courseId, now, fr, ar);
    }

    /// <summary>On the Moroccan clock in force at that instant (UTC+0 during Ramadan, UTC+1 otherwise).</summary>
    public static string When(DateTimeOffset at) => MoroccoTime.Format(at);

    public static async Task<LiveClass> KnownAsync(EnrollmentDbContext db, Guid id, CancellationToken ct) =>
        await db.LiveClasses.FirstOrDefaultAsync(l => l.Id == id, ct)
        ?? throw new MessageNotReadyException($"Live class {id} is not known yet; LiveClassScheduled has not been handled.");
}

public sealed class LiveClassScheduledConsumer(EnrollmentDbContext db, ILogger<LiveClassScheduledConsumer> logger)
    : InboxConsumer<LiveClassScheduled, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(LiveClassScheduled m, ConsumeContext<LiveClassScheduled> context)
    {
        var ct = context.CancellationToken;
        if (await Db.LiveClasses.AnyAsync(l => l.Id == m.LiveClassId, ct)) return;
        Db.LiveClasses.Add(new LiveClass
        {
            Id = m.LiveClassId, CourseId = m.CourseId, TitleAr = m.TitleAr, TitleFr = m.TitleFr, StartsAt = m.StartsAt,
            DurationMinutes = m.DurationMinutes, Teacher = m.Teacher, JoinUrl = m.JoinUrl, AccessCode = m.AccessCode, Capacity = m.Capacity, AsOf = m.OccurredAt,
        });
        await LiveClassNews.TellSeatedAsync(Db, m.CourseId, NotificationKind.LiveClassScheduled,
            $"Nouvelle classe en direct « {m.TitleFr} » le {LiveClassNews.When(m.StartsAt)}.",
            $"قسم مباشر جديد «{m.TitleAr}» يوم {LiveClassNews.When(m.StartsAt)}.", ct);
    }
}

public sealed class LiveClassMovedConsumer(EnrollmentDbContext db, ILogger<LiveClassMovedConsumer> logger)
    : InboxConsumer<LiveClassMoved, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(LiveClassMoved m, ConsumeContext<LiveClassMoved> context)
    {
        var ct = context.CancellationToken;
        var live = await LiveClassNews.KnownAsync(Db, m.LiveClassId, ct);
        if (m.OccurredAt <= live.AsOf) return;
        live.StartsAt = m.StartsAt;
        live.DurationMinutes = m.DurationMinutes;
        live.AsOf = m.OccurredAt;
        await LiveClassNews.TellSeatedAsync(Db, m.CourseId, NotificationKind.LiveClassMoved,
            $"La classe en direct « {live.TitleFr} » est déplacée au {LiveClassNews.When(m.StartsAt)}.",
            $"تم تغيير موعد القسم المباشر «{live.TitleAr}» إلى {LiveClassNews.When(m.StartsAt)}.", ct);
    }
}

public sealed class LiveClassCancelledConsumer(EnrollmentDbContext db, ILogger<LiveClassCancelledConsumer> logger)
    : InboxConsumer<LiveClassCancelled, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(LiveClassCancelled m, ConsumeContext<LiveClassCancelled> context)
    {
        var ct = context.CancellationToken;
        var live = await LiveClassNews.KnownAsync(Db, m.LiveClassId, ct);
        if (live.Cancelled) return;
        live.Cancelled = true; // final: a later "moved" arriving late does not bring it back
        live.AsOf = m.OccurredAt;
        await LiveClassNews.TellSeatedAsync(Db, m.CourseId, NotificationKind.LiveClassCancelled,
            $"La classe en direct « {live.TitleFr} » du {LiveClassNews.When(live.StartsAt)} est annulée.",
            $"تم إلغاء القسم المباشر «{live.TitleAr}» ليوم {LiveClassNews.When(live.StartsAt)}.", ct);
    }
}
