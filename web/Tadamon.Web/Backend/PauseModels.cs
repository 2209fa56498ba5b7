namespace Tadamon.Web.Backend;

// Pauses of centres' in-person activity (courses decides them, enrollment keeps the banners).
public sealed record PauseCentre(Guid Id, string NameAr, string NameFr, string Commune, string Type);

public sealed record PausedCourseLine(
    Guid CourseId, Guid CentreId, string TitleAr, string TitleFr, string ModeBefore, string ModeDuring, int CancelledLiveClasses, bool? Restored);

public sealed record PausePreview(IReadOnlyList<PauseCentre> Centres, IReadOnlyList<PausedCourseLine> Courses);

public sealed record CentrePause(
    Guid Id, string Scope, string? Commune, string? CentreType, string ReasonAr, string ReasonFr, DateOnly From, DateOnly? Until,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ResumedAt, IReadOnlyList<PauseCentre> Centres, IReadOnlyList<PausedCourseLine> Courses);

/// <summary>What a banner says: the reason and the period, and the centre when the page is not about one centre.</summary>
public sealed record PauseBanner(string ReasonAr, string ReasonFr, DateOnly From, DateOnly? Until, string? CentreNameAr = null, string? CentreNameFr = null);
