namespace Tadamon.Enrollment.Model;

[Flags]
public enum AccessibilityNeeds { None = 0, SignLanguage = 1, EasyRead = 2, Audio = 4 }

public enum PreRegistrationStatus { Submitted, InformationRequested, Approved, Rejected, Withdrawn }

/// <summary>
/// A request for a place on a course (or in a centre, to be placed by its manager), made by the beneficiary
/// or by a guardian for a minor. Submitted, information requested and approved are "live": a beneficiary holds at
/// most one live pre-registration per course (a partial unique index says so in the database).
/// </summary>
public sealed class PreRegistration
{
    public const int AdultAge = 18;
    public static readonly PreRegistrationStatus[] Live =
        [PreRegistrationStatus.Submitted, PreRegistrationStatus.InformationRequested, PreRegistrationStatus.Approved];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CentreId { get; init; }
    public Guid? CourseId { get; set; }
    public required string BeneficiaryId { get; init; }
    public required string FullName { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public required string Phone { get; init; }
    public string? GuardianName { get; init; }
    public string? GuardianPhone { get; init; }
    public AccessibilityNeeds AccessibilityNeeds { get; init; }
    public PreRegistrationStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public string? InformationRequest { get; set; }
    public string? InformationReply { get; set; }
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? EnrollmentId { get; set; }
    /// <summary>The client's <c>Idempotency-Key</c>: a retried submission gets the original answer, not a "duplicate" refusal.</summary>
    public string? IdempotencyKey { get; init; }

    public static int AgeOn(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > day ? age - 1 : age;
    }

    public bool AwaitsDecision => Status is PreRegistrationStatus.Submitted or PreRegistrationStatus.InformationRequested;
}
