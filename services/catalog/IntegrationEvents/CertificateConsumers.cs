using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Enrollment;
using Tadamon.Messaging;

namespace Tadamon.Catalog.IntegrationEvents;

/// <summary>
/// Keeps catalog's copy of certificates for the trained badge (<see cref="MemberCertificate"/>). Every certificate is
/// kept, member or not: a beneficiary who joins a cooperative later brings the certificates they already hold. The
/// badge reads the copy on each (cached) market request, so a change shows within the market cache's lifetime.
/// </summary>
internal static class CertificateCopies
{
    public static async Task<MemberCertificate> FindOrAddAsync(CatalogDbContext db, string code, string beneficiaryId, Guid courseId, CancellationToken ct)
    {
        // A batch may carry the issue and the revocation of one certificate: look among this transaction's rows first.
        var row = db.MemberCertificates.Local.FirstOrDefault(c => c.Code == code)
            ?? await db.MemberCertificates.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (row is not null) return row;
        row = new MemberCertificate { Code = code, BeneficiaryId = beneficiaryId, CourseId = courseId };
        db.MemberCertificates.Add(row);
        return row;
    }
}

public sealed class CertificateIssuedConsumer(CatalogDbContext db, ILogger<CertificateIssuedConsumer> logger)
    : InboxConsumer<CertificateIssued, CatalogDbContext>(db, logger)
{
    protected override async Task HandleAsync(CertificateIssued m, ConsumeContext<CertificateIssued> context)
    {
        var row = await CertificateCopies.FindOrAddAsync(Db, m.CertificateCode, m.BeneficiaryId, m.CourseId, context.CancellationToken);
        row.CourseTitleAr = m.CourseTitleAr;
        row.CourseTitleFr = m.CourseTitleFr;
        row.IssuedAt = m.IssuedAt; // a revocation already recorded stays: nothing here clears RevokedAt
    }
}

public sealed class CertificateRevokedConsumer(CatalogDbContext db, ILogger<CertificateRevokedConsumer> logger)
    : InboxConsumer<CertificateRevoked, CatalogDbContext>(db, logger)
{
    protected override async Task HandleAsync(CertificateRevoked m, ConsumeContext<CertificateRevoked> context)
    {
        var row = await CertificateCopies.FindOrAddAsync(Db, m.CertificateCode, m.BeneficiaryId, m.CourseId, context.CancellationToken);
        row.RevokedAt ??= m.RevokedAt;
    }
}
