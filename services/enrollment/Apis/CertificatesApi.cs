using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Apis;

/// <summary>Public: anyone holding a certificate's code (an employer, a cooperative) can check it.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/certificates").WithTags("Certificates");
        group.MapGet("/{code}", Verify).WithName("VerifyCertificate").Public().WithSummary("Check a certificate by its verification code (public)");
        group.MapGet("/{code}/print", Print).WithName("PrintCertificate").Public().WithSummary("Moved: redirects (301) to the site's printable page, /learn/certificates/{code}/print (public)");
        group.MapPost("/{code}/revoke", Revoke).WithName("RevokeCertificate").For(Roles.CentreRunners)
            .WithSummary("Revoke a certificate, with a reason (the course's centre or an operator); it then verifies as revoked");
        return group;
    }

    public sealed record CertificateResponse(
        string Code, bool Valid, string BeneficiaryName, Guid CourseId, string CourseTitleAr, string CourseTitleFr,
        string CentreNameAr, string CentreNameFr, DateTimeOffset IssuedAt, string PrintUrl,
        DateTimeOffset? RevokedAt = null, string? RevocationReason = null);

    public sealed record RevokeRequest([Required, StringLength(500, MinimumLength = 5)] string Reason);

    private static CertificateResponse ToResponse(Certificate c) => new(
        c.Code, c.IsValid, c.BeneficiaryName, c.CourseId, c.CourseTitleAr, c.CourseTitleFr,
        c.CentreNameAr, c.CentreNameFr, c.IssuedAt, PrintPage(c.Code), c.RevokedAt, c.RevocationReason);

    private static string Normalise(string code) => code.Trim().ToUpperInvariant();

    private static Task<Certificate?> FindAsync(string code, RequestScope rs)
    {
        var normalised = Normalise(code);
        return rs.Db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, rs.Ct);
    }

    private static ProblemHttpResult NotFound(RequestScope rs) => rs.NotFound("Aucune attestation ne porte ce code.", "لا توجد شهادة بهذا الرمز.");

    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Verify(string code, RequestScope rs)
    {
        var c = await FindAsync(code, rs);
        return c is null ? NotFound(rs) : TypedResults.Ok(ToResponse(c));
    }

    /// <summary>
    /// The course's centre (its manager or partner association) or an operator withdraws a certificate given in
    /// error. The certificate stays checkable and says it is revoked; <c>CertificateRevoked</c> leaves in the same
    /// transaction, so whoever shows it (a cooperative's trained badge) drops it.
    /// </summary>
    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Revoke(string code, RevokeRequest request, RequestScope rs)
    {
        var normalised = Normalise(code);
        // Locked: two revocations at once give one event, and the second is told it was already revoked.
        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var certificate = await rs.Db.Certificates.Where(c => c.Code == normalised).ForUpdate().FirstOrDefaultAsync(rs.Ct);
        if (certificate is null) return NotFound(rs);
        var centreId = await rs.Db.CourseSeats.Where(s => s.CourseId == certificate.CourseId).Select(s => (Guid?)s.CentreId).FirstOrDefaultAsync(rs.Ct);
        // Without the course's copy only an operator can tell whose it is.
        var allowed = centreId is { } centre ? await rs.ManagesAsync(centre) : rs.Caller.IsInRole(Roles.Operator);
        if (Problems.RefuseUnless(rs.Http, rs.Caller, allowed) is { } refused) return refused;

        if (!certificate.Revoke(request.Reason.Trim(), rs.Caller.UserId!, rs.Now))
            return Problems.Conflict(rs.Http, "Cette attestation est déjà révoquée.", "هذه الشهادة ملغاة من قبل.", "certificate-already-revoked");
        rs.Db.AddIntegrationEvent(CertificateMessages.Revoked(certificate));
        await rs.Db.SaveChangesAsync(rs.Ct);
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(ToResponse(certificate));
    }

    /// <summary>
    /// The printable sheet is a page of the site (its stylesheet and print button): API answers carry a policy that
    /// forbids any style or script, so an HTML page here could not be styled. Old links keep working.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Print(string code, RequestScope rs)
    {
        var c = await FindAsync(code, rs);
        if (c is null) return NotFound(rs);
        return TypedResults.Redirect(PrintPage(c.Code), permanent: true);
    }

    /// <summary>The site's print page, through the gateway like every page.</summary>
    private static string PrintPage(string code) => $"/learn/certificates/{Uri.EscapeDataString(code)}/print";
}
