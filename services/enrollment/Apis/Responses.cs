using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Apis;

public sealed record PreRegistrationResponse(
    Guid Id, Guid CentreId, Guid? CourseId, string BeneficiaryId, string FullName, DateOnly DateOfBirth, string Phone,
    string? GuardianName, string? GuardianPhone, AccessibilityNeeds AccessibilityNeeds, PreRegistrationStatus Status,
    string? DecisionReason, string? InformationRequest, string? InformationReply, DateTimeOffset SubmittedAt, Guid? EnrollmentId)
{
    public static PreRegistrationResponse From(PreRegistration p) => new(p.Id, p.CentreId, p.CourseId, p.BeneficiaryId, p.FullName,
        p.DateOfBirth, p.Phone, p.GuardianName, p.GuardianPhone, p.AccessibilityNeeds, p.Status, p.DecisionReason,
        p.InformationRequest, p.InformationReply, p.SubmittedAt, p.EnrollmentId);
}

/// <summary>An enrollment; <see cref="WaitingPosition"/> is how many are ahead plus one, <see cref="WaitingNumber"/> the ticket.</summary>
public sealed record EnrollmentResponse(
    Guid Id, Guid PreRegistrationId, Guid CourseId, string CourseTitleAr, string CourseTitleFr, string BeneficiaryId,
    string BeneficiaryName, EnrollmentStatus Status, int? WaitingNumber, int? WaitingPosition, DateTimeOffset ApprovedAt,
    DateTimeOffset? SeatedAt, DateTimeOffset? CompletedAt, string? CertificateCode);

public sealed record SeatsResponse(Guid CourseId, int Capacity, int SeatsTaken, int SeatsLeft, int WaitingCount, bool OpenForRegistration);
