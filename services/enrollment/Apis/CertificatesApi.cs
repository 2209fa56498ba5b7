using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Apis;

/// <summary>Public: anyone holding a certificate's code (an employer, a cooperative) can check it.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/certificates").WithTags("Certificates");
        group.MapGet("/{code}", Verify).WithName("VerifyCertificate").Public().WithSummary("Check a certificate by its verification code (public)");
        group.MapGet("/{code}/print", Print).WithName("PrintCertificate").Public().WithSummary("Moved: redirects (301) to the site's printable page, /learn/certificates/{code}/print (public)");
        return group;
    }

    public sealed record CertificateResponse(
        string Code, bool Valid, string BeneficiaryName, Guid CourseId, string CourseTitleAr, string CourseTitleFr,
        string CentreNameAr, string CentreNameFr, DateTimeOffset IssuedAt, string PrintUrl);

    private static Task<Certificate?> FindAsync(string code, RequestScope rs)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return rs.Db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, rs.Ct);
    }

    private static async Task<Results<Ok<CertificateResponse>, ProblemHttpResult>> Verify(string code, RequestScope rs)
    {
        var c = await FindAsync(code, rs);
        if (c is null) return rs.NotFound("Aucune attestation ne porte ce code.", "لا توجد شهادة بهذا الرمز.");
        return TypedResults.Ok(new CertificateResponse(c.Code, true, c.BeneficiaryName, c.CourseId, c.CourseTitleAr, c.CourseTitleFr,
            c.CentreNameAr, c.CentreNameFr, c.IssuedAt, PrintPage(c.Code)));
    }

    /// <summary>
    /// The printable sheet is a page of the site (its stylesheet and print button): API answers carry a policy that
    /// forbids any style or script, so an HTML page here could not be styled. Old links keep working.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Print(string code, RequestScope rs)
    {
        var c = await FindAsync(code, rs);
        if (c is null) return rs.NotFound("Aucune attestation ne porte ce code.", "لا توجد شهادة بهذا الرمز.");
        return TypedResults.Redirect(PrintPage(c.Code), permanent: true);
    }

    /// <summary>The site's print page, through the gateway like every page.</summary>
    private static string PrintPage(string code) => $"/learn/certificates/{Uri.EscapeDataString(code)}/print";
}
