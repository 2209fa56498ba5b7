namespace Tadamon.Contracts.Enrollment;

/// <summary>
/// A course's seat counts after a change. <paramref name="Version"/> grows with every change of the course's
/// seats, so a consumer keeps the copy with the highest version whatever order events arrive in.
/// </summary>
public sealed record SeatCounts(int Capacity, int SeatsTaken, int WaitingCount, long Version);

/// <summary>A beneficiary (or their guardian) asked for a place on a course, or in a centre to be placed.</summary>
public sealed record PreRegistrationSubmitted(
    Guid PreRegistrationId,
    Guid CentreId,
    Guid? CourseId,
    string BeneficiaryId) : IntegrationEvent;

/// <summary>A beneficiary holds a seat: approved while seats remained, or promoted from the waiting list.</summary>
public sealed record EnrollmentConfirmed(
    Guid EnrollmentId,
    Guid PreRegistrationId,
    Guid CourseId,
    string BeneficiaryId,
    bool PromotedFromWaitingList,
    SeatCounts Seats) : IntegrationEvent;

/// <summary>An approved beneficiary waits for a seat, with a numbered place on the course's waiting list.</summary>
public sealed record EnrollmentWaitlisted(
    Guid EnrollmentId,
    Guid PreRegistrationId,
    Guid CourseId,
    string BeneficiaryId,
    int WaitingNumber,
    SeatCounts Seats) : IntegrationEvent;

/// <summary>
/// A pre-registration was refused, before or after approval. After approval it frees the seat (or the
/// waiting place), so it carries the new counts; before approval <see cref="Seats"/> is null.
/// </summary>
public sealed record EnrollmentRejected(
    Guid PreRegistrationId,
    Guid? CourseId,
    string BeneficiaryId,
    string Reason,
    SeatCounts? Seats) : IntegrationEvent;

/// <summary>A beneficiary left a course (seat or waiting place freed; the first waiting is promoted separately).</summary>
public sealed record EnrollmentWithdrawn(
    Guid EnrollmentId,
    Guid CourseId,
    string BeneficiaryId,
    SeatCounts Seats) : IntegrationEvent;

/// <summary>Every required lesson done (and the live classes the mode requires attended): a certificate was issued.</summary>
public sealed record CourseCompleted(
    Guid EnrollmentId,
    Guid CourseId,
    string BeneficiaryId,
    string CertificateCode,
    DateTimeOffset CompletedAt) : IntegrationEvent;
