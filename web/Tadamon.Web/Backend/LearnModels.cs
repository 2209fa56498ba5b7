namespace Tadamon.Web.Backend;

// What the digital window's pages read from courses and enrollment. Enums travel as names; kept as strings here.

public sealed record Centre(
    Guid Id, string NameAr, string NameFr, string Type, string Province, string Commune, string Address,
    string Phone, string? Email, string Mode, string ModeMeaningFr, string ModeMeaningAr, int DefaultLiveAttendancePercent, Guid? AssociationId = null);

public sealed record PartnerAssociation(
    Guid Id, string NameAr, string NameFr, string RegistrationNumber, string ContactName, string Phone, string? Email, int CentreCount);

public sealed record CourseSummary(
    Guid Id, Guid CentreId, string TitleAr, string TitleFr, string Mode, string Status,
    int MinAge, int MaxAge, string AccessibilityServed, int Capacity, int SeatsTaken, int WaitingCount,
    DateOnly StartsOn, DateOnly EndsOn);

/// <summary>A locked lesson comes without text or links: only the seated, the centre's managers and operators get them.</summary>
public sealed record Lesson(
    Guid Id, int Position, string TitleAr, string TitleFr, string? ContentAr, string? ContentFr,
    string? MediaUrl, string? DocumentUrl, int EstimatedMinutes, bool Required, string? CaptionsUrl, string? CaptionsLanguage,
    bool IsPreview = false, bool Locked = false);

public sealed record Module(Guid Id, int Position, string TitleAr, string TitleFr, IReadOnlyList<Lesson> Lessons);

public sealed record Course(
    Guid Id, Guid CentreId, Guid SeasonId, string TitleAr, string TitleFr, string DescriptionAr, string DescriptionFr,
    int MinAge, int MaxAge, string AccessibilityServed, int Capacity, int SeatsTaken, int WaitingCount,
    string Mode, string ModeMeaningFr, string ModeMeaningAr, int RequiredLiveAttendancePercent,
    string ScheduleAr, string ScheduleFr, DateOnly StartsOn, DateOnly EndsOn, string Status,
    int TotalMinutes, IReadOnlyList<Module> Modules);

public sealed record LiveClass(
    Guid Id, Guid CourseId, string TitleAr, string TitleFr, DateTimeOffset StartsAt, int DurationMinutes, string Teacher,
    string? JoinUrl, bool HasAccessCode, int Capacity, string Status, string? CancellationReason);

public sealed record Season(Guid Id, string Label, DateOnly OpensOn, DateOnly ClosesOn);

public sealed record Seats(Guid CourseId, int Capacity, int SeatsTaken, int SeatsLeft, int WaitingCount, bool OpenForRegistration);

public sealed record PreRegistration(
    Guid Id, Guid CentreId, Guid? CourseId, string BeneficiaryId, string FullName, DateOnly DateOfBirth, string Phone,
    string? GuardianName, string? GuardianPhone, string AccessibilityNeeds, string Status,
    string? DecisionReason, string? InformationRequest, string? InformationReply, DateTimeOffset SubmittedAt, Guid? EnrollmentId);

public sealed record Enrollment(
    Guid Id, Guid PreRegistrationId, Guid CourseId, string CourseTitleAr, string CourseTitleFr, string BeneficiaryId,
    string BeneficiaryName, string Status, int? WaitingNumber, int? WaitingPosition, DateTimeOffset ApprovedAt,
    DateTimeOffset? SeatedAt, DateTimeOffset? CompletedAt, string? CertificateCode);

public sealed record LessonEntry(Guid LessonId, Guid ModuleId, int ModulePosition, int Position, string TitleAr, string TitleFr, bool Required, string State);

public sealed record ModuleProgress(Guid ModuleId, int Position, int LessonsDone, int LessonsTotal, int Percent);

public sealed record CourseProgress(
    IReadOnlyList<ModuleProgress> Modules, int LessonsDone, int LessonsTotal, int RequiredDone, int RequiredTotal, int Percent,
    int LiveClassesAttended, int LiveClassesHeld, int RequiredLiveAttendancePercent, bool LiveAttendanceMet);

public sealed record LearningProgress(Guid EnrollmentId, string Status, CourseProgress Progress, string? CertificateCode);

public sealed record JoinedLiveClass(Guid LiveClassId, string JoinUrl, string? AccessCode, DateTimeOffset StartsAt, int DurationMinutes, string? CertificateCode);

public sealed record Notification(Guid Id, string Kind, Guid? CourseId, string TextAr, string TextFr, DateTimeOffset CreatedAt, bool Read);

public sealed record LiveClassAttendance(Guid LiveClassId, string TitleFr, DateTimeOffset StartsAt, bool Cancelled, int Attended, int Seated);

public sealed record BeneficiaryProgress(Guid EnrollmentId, string BeneficiaryName, string Status, int Percent,
    int RequiredDone, int RequiredTotal, int LiveClassesAttended, int LiveClassesHeld, string? CertificateCode);

public sealed record Certificate(
    string Code, bool Valid, string BeneficiaryName, Guid CourseId, string CourseTitleAr, string CourseTitleFr,
    string CentreNameAr, string CentreNameFr, DateTimeOffset IssuedAt, string PrintUrl,
    DateTimeOffset? RevokedAt = null, string? RevocationReason = null);

public static class LearnCodes
{
    public static readonly string[] CentreTypes = ["VocationalTraining", "EducationAndTraining", "SpecialEducation", "Kindergarten", "Literacy"];
    public static readonly string[] Modes = ["InPerson", "Remote", "PartlyInPerson", "Hybrid"];
    public static readonly string[] Needs = ["SignLanguage", "EasyRead", "Audio"];
    public static readonly string[] PreRegistrationStatuses = ["Submitted", "InformationRequested", "Approved", "Rejected", "Withdrawn"];
}
