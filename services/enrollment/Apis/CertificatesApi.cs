using System.Net;
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
        group.MapGet("/{code}/print", Print).WithName("PrintCertificate").Public().WithSummary("The certificate as a printable HTML page (public)");
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
            c.CentreNameAr, c.CentreNameFr, c.IssuedAt, $"{rs.Http.Request.PathBase}/certificates/{c.Code}/print"));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Print(string code, RequestScope rs)
    {
        var c = await FindAsync(code, rs);
        if (c is null) return rs.NotFound("Aucune attestation ne porte ce code.", "لا توجد شهادة بهذا الرمز.");
        static string E(string s) => WebUtility.HtmlEncode(s);
        var date = MoroccoTime.DateOf(c.IssuedAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var verifyUrl = $"{rs.Http.Request.PathBase}/certificates/{c.Code}";
        var html = $$"""
            <!doctype html>
            <html lang="fr">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Attestation {{E(c.Code)}}</title>
              <style>
                body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2rem; color: #1d2a33; }
                .sheet { border: 6px double #1f6f5c; padding: 2.5rem; max-width: 46rem; margin: auto; text-align: center; }
                h1 { color: #1f6f5c; margin: .2rem 0; } .ar { direction: rtl; font-size: 1.2rem; }
                .name { font-size: 1.8rem; font-weight: bold; margin: 1rem 0; } .code { font-family: monospace; font-size: 1.2rem; }
                @media print { body { margin: 0; } button { display: none; } }
              </style>
            </head>
            <body>
              <div class="sheet">
                <p class="ar" lang="ar">التعاون الوطني - المندوبية الإقليمية بقلعة السراغنة</p>
                <p>Entraide Nationale - Délégation provinciale de Kelâat Es-Sraghna</p>
                <h1 class="ar" lang="ar">شهادة إتمام دورة</h1>
                <h1>Attestation de fin de formation</h1>
                <p class="name">{{E(c.BeneficiaryName)}}</p>
                <p class="ar" lang="ar">أتم(ت) بنجاح دورة «{{E(c.CourseTitleAr)}}» بـ{{E(c.CentreNameAr)}}</p>
                <p>a suivi avec succès la formation « {{E(c.CourseTitleFr)}} » au {{E(c.CentreNameFr)}}</p>
                <p>{{date}}</p>
                <p>Code de vérification / رمز التحقق : <span class="code">{{E(c.Code)}}</span></p>
                <p><small>{{E(verifyUrl)}}</small></p>
                <button onclick="window.print()">Imprimer / طباعة</button>
              </div>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
