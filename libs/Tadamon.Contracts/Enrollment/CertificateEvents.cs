namespace Tadamon.Contracts.Enrollment;

/// <summary>
/// A certificate was issued to a beneficiary for a course (with the course's titles at that time, so a consumer
/// needs no copy of the course). Published in the transaction that issued it; the code is the natural key.
/// </summary>
public sealed record CertificateIssued(
    string CertificateCode,
    string BeneficiaryId,
    Guid CourseId,
    string CourseTitleAr,
    string CourseTitleFr,
    DateTimeOffset IssuedAt) : IntegrationEvent;

/// <summary>
/// A certificate was revoked (by the course's centre or an operator, with a reason). Revocation is final: a
/// consumer that hears of it before the issue keeps it revoked when the issue arrives.
/// </summary>
public sealed record CertificateRevoked(
    string CertificateCode,
    string BeneficiaryId,
    Guid CourseId,
    string Reason,
    DateTimeOffset RevokedAt) : IntegrationEvent;
