using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Infrastructure;

/// <summary>The events a certificate's life publishes, built in one place for issuing, revoking and the demo.</summary>
public static class CertificateMessages
{
    public static CertificateIssued Issued(Certificate c) =>
        new(c.Code, c.BeneficiaryId, c.CourseId, c.CourseTitleAr, c.CourseTitleFr, c.IssuedAt);

    public static CertificateRevoked Revoked(Certificate c) =>
        new(c.Code, c.BeneficiaryId, c.CourseId, c.RevocationReason ?? "", c.RevokedAt ?? DateTimeOffset.UtcNow);
}
