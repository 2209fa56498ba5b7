using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.IntegrationEvents;

/// <summary>Who a pause concerns, and how to say what it changed for each of them.</summary>
internal static class PauseNews
{
    /// <summary>
    /// Everyone with a stake in the courses: seated, on the waiting list, or pre-registered and awaiting a decision.
    /// Each person once, with the courses of theirs that changed.
    /// </summary>
    public static async Task<Dictionary<string, List<Guid>>> AffectedAsync(EnrollmentDbContext db, IReadOnlyCollection<Guid> courses, CancellationToken ct)
    {
        var enrolled = await db.Enrollments
            .Where(e => courses.Contains(e.CourseId) && (e.Status == EnrollmentStatus.Seated || e.Status == EnrollmentStatus.Waiting))
            .Select(e => new { e.BeneficiaryId, e.CourseId }).ToListAsync(ct);
        var waiting = await db.PreRegistrations
            .Where(p => p.CourseId != null && courses.Contains(p.CourseId.Value)
                && (p.Status == PreRegistrationStatus.Submitted || p.Status == PreRegistrationStatus.InformationRequested))
            .Select(p => new { p.BeneficiaryId, CourseId = p.CourseId!.Value }).ToListAsync(ct);
        return enrolled.Concat(waiting).GroupBy(x => x.BeneficiaryId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.CourseId).Distinct().ToList());
    }

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static (string Fr, string Ar) ModeName(string mode) => mode switch
    {
        "InPerson" => ("en présentiel", "حضوريا"),
        "Remote" => ("à distance", "عن بعد"),
        "PartlyInPerson" => ("en partie en présentiel", "حضوريا بشكل جزئي"),
        _ => ("en alternance (présentiel et à distance)", "بالتناوب بين الحضوري وعن بعد"),
    };

    /// <summary>Notices are written in both languages at once; one line per course of theirs.</summary>
    public static (string Fr, string Ar) Paused(CentresPaused m, IEnumerable<PausedCourse> theirs)
    {
        var period = m.Until is { } until
            ? ($"du {Day(m.From)} au {Day(until)}", $"من {Day(m.From)} إلى {Day(until)}")
            : ($"à partir du {Day(m.From)} jusqu'à nouvel ordre", $"ابتداء من {Day(m.From)} إلى إشعار آخر");
        var fr = new List<string>(); var ar = new List<string>();
        foreach (var c in theirs)
        {
            var centre = m.Centres.FirstOrDefault(x => x.CentreId == c.CentreId);
            var (centreFr, centreAr) = (centre?.NameFr ?? "votre centre", centre?.NameAr ?? "مركزكم");
            if (c.ModeDuring != c.ModeBefore)
            {
                fr.Add($"« {c.TitleFr} » ({centreFr}) continue à distance pendant la suspension.");
                ar.Add($"«{c.TitleAr}» ({centreAr}) تستمر عن بعد طيلة فترة التعليق.");
            }
            else
            {
                var classesFr = c.CancelledLiveClassIds.Count > 0 ? " ; ses classes en direct de la période sont annulées" : "";
                var classesAr = c.CancelledLiveClassIds.Count > 0 ? "، وألغيت أقسامها المباشرة خلال هذه الفترة" : "";
                fr.Add($"« {c.TitleFr} » ({centreFr}) est interrompu pendant la suspension{classesFr}.");
                ar.Add($"«{c.TitleAr}» ({centreAr}) متوقفة طيلة فترة التعليق{classesAr}.");
            }
        }
        return ($"Les activités en présentiel sont suspendues {period.Item1} : {m.ReasonFr} {string.Join(" ", fr)} Les pré-inscriptions restent ouvertes.",
            $"تم تعليق الأنشطة الحضورية {period.Item2}: {m.ReasonAr} {string.Join(" ", ar)} يبقى التسجيل القبلي مفتوحا.");
    }

    public static (string Fr, string Ar) Resumed(IEnumerable<ResumedCourse> theirs, IReadOnlyDictionary<Guid, (string Ar, string Fr)> titles)
    {
        var fr = new List<string>(); var ar = new List<string>();
        foreach (var c in theirs)
        {
            var (titleAr, titleFr) = titles.TryGetValue(c.CourseId, out var t) ? t : ("دورتكم", "votre cours");
            var (modeFr, modeAr) = ModeName(c.Mode);
            fr.Add(c.Restored ? $"« {titleFr} » reprend {modeFr}." : $"« {titleFr} » se poursuit {modeFr}, comme son centre l'a décidé.");
            ar.Add(c.Restored ? $"«{titleAr}» تستأنف {modeAr}." : $"«{titleAr}» تستمر {modeAr}، كما قرر مركزها.");
        }
        return ($"Les activités en présentiel reprennent. {string.Join(" ", fr)}", $"استؤنفت الأنشطة الحضورية. {string.Join(" ", ar)}");
    }
}

/// <summary>
/// A pause of centres: the banner for each centre, the courses' new mode in our copy, and one notice per person
/// concerned. Keyed on the pause: a second copy of the event (even with another message id) finds its banners and
/// changes nothing.
/// </summary>
public sealed class CentresPausedConsumer(EnrollmentDbContext db, ILogger<CentresPausedConsumer> logger)
    : InboxConsumer<CentresPaused, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CentresPaused m, ConsumeContext<CentresPaused> context)
    {
        var ct = context.CancellationToken;
        if (Db.CentrePauseBanners.Local.Any(b => b.PauseId == m.PauseId)
            || await Db.CentrePauseBanners.AnyAsync(b => b.PauseId == m.PauseId, ct)) return;
        foreach (var centre in m.Centres)
            Db.CentrePauseBanners.Add(new CentrePauseBanner
            {
                PauseId = m.PauseId, CentreId = centre.CentreId, CentreNameAr = centre.NameAr, CentreNameFr = centre.NameFr,
                ReasonAr = m.ReasonAr, ReasonFr = m.ReasonFr, From = m.From, Until = m.Until, PausedAt = m.OccurredAt,
            });

        var ids = m.Courses.Select(c => c.CourseId).ToList();
        var seats = await Db.CourseSeats.Where(s => ids.Contains(s.CourseId)).ToListAsync(ct);
        foreach (var s in seats) s.Mode = m.Courses.First(c => c.CourseId == s.CourseId).ModeDuring;

        foreach (var (person, courses) in await PauseNews.AffectedAsync(Db, ids, ct))
        {
            var theirs = m.Courses.Where(c => courses.Contains(c.CourseId)).ToList();
            var (fr, ar) = PauseNews.Paused(m, theirs);
            SeatDesk.Notify(Db, person, NotificationKind.CentrePaused, theirs.Count == 1 ? theirs[0].CourseId : null, m.OccurredAt, fr, ar);
        }
    }
}

/// <summary>
/// The end of a pause: banners come down, our copies take the courses' mode again, and the same people are told.
/// Arriving before its pause it waits (redelivered later); a copy after the first changes nothing.
/// </summary>
public sealed class CentresResumedConsumer(EnrollmentDbContext db, ILogger<CentresResumedConsumer> logger)
    : InboxConsumer<CentresResumed, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CentresResumed m, ConsumeContext<CentresResumed> context)
    {
        var ct = context.CancellationToken;
        var banners = await Db.CentrePauseBanners.Where(b => b.PauseId == m.PauseId).ToListAsync(ct);
        banners = banners.Union(Db.CentrePauseBanners.Local.Where(b => b.PauseId == m.PauseId)).ToList();
        if (banners.Count == 0 && m.CentreIds.Count > 0)
            throw new MessageNotReadyException($"Pause {m.PauseId} is not known yet; CentresPaused has not been handled.");
        if (banners.Any(b => b.ResumedAt is not null)) return;
        foreach (var banner in banners) banner.ResumedAt = m.OccurredAt;

        var ids = m.Courses.Select(c => c.CourseId).ToList();
        var seats = await Db.CourseSeats.Where(s => ids.Contains(s.CourseId)).ToListAsync(ct);
        foreach (var s in seats) s.Mode = m.Courses.First(c => c.CourseId == s.CourseId).Mode;
        var titles = seats.ToDictionary(s => s.CourseId, s => (s.TitleAr, s.TitleFr));

        foreach (var (person, courses) in await PauseNews.AffectedAsync(Db, ids, ct))
        {
            var theirs = m.Courses.Where(c => courses.Contains(c.CourseId)).ToList();
            var (fr, ar) = PauseNews.Resumed(theirs, titles);
            SeatDesk.Notify(Db, person, NotificationKind.CentreResumed, theirs.Count == 1 ? theirs[0].CourseId : null, m.OccurredAt, fr, ar);
        }
    }
}
