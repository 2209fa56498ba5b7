using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Infrastructure;

/// <summary>
/// The demo beneficiary already earned the sewing and embroidery course of Kelâat Es-Sraghna's apprenticeship
/// centre last season: one certificate, published as <c>CertificateIssued</c> like any other, so catalog's trained
/// badge for her cooperative (Tifawine) shows on first start. Ids are the ones courses and identity seed.
/// </summary>
public static class DemoCertificate
{
    public const string Code = "KLAA-CSBR-DEMQ";

    public static async Task SeedAsync(EnrollmentDbContext db, CancellationToken ct)
    {
        if (await db.Certificates.AnyAsync(c => c.Code == Code, ct)) return;
        var certificate = new Certificate
        {
            Code = Code, EnrollmentId = DemoIds.Of("enrollment:sewing:beneficiary:1"), CourseId = DemoIds.Of("course:sewing"),
            BeneficiaryId = DemoIds.Of(DemoIds.BeneficiaryKey).ToString(), BeneficiaryName = "فاطمة الزهراء",
            CourseTitleAr = "الخياطة والطرز", CourseTitleFr = "Couture et broderie",
            CentreNameAr = "مركز التدرج المهني بقلعة السراغنة", CentreNameFr = "Centre de formation par apprentissage de Kelâat Es-Sraghna",
            IssuedAt = DateTimeOffset.UtcNow.AddMonths(-3),
        };
        db.Certificates.Add(certificate);
        db.AddIntegrationEvent(CertificateMessages.Issued(certificate));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // another replica seeded it meanwhile
        }
    }
}
