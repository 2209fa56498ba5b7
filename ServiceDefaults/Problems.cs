using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// RFC 7807 answers in the caller's language: Arabic when <c>Accept-Language</c> asks for it, French otherwise
/// (the platform's two languages). Every domain refusal goes through here so its wording is written once.
/// </summary>
public static class Problems
{
    public static bool PrefersArabic(HttpContext? context) =>
        context?.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("ar", StringComparison.OrdinalIgnoreCase) == true;

    public static string Pick(HttpContext? context, string fr, string ar) => PrefersArabic(context) ? ar : fr;

    public static ProblemHttpResult Problem(HttpContext context, int status, string fr, string ar, string? code = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Pick(context, fr, ar),
            Type = $"https://httpstatuses.io/{status}",
        };
        if (code is not null) problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Conflict(HttpContext context, string fr, string ar, string? code = null) =>
        Problem(context, StatusCodes.Status409Conflict, fr, ar, code);

    public static ProblemHttpResult Forbidden(HttpContext context) =>
        Problem(context, StatusCodes.Status403Forbidden, "Vous n'avez pas le droit de faire cela.", "ليس لديك الإذن للقيام بذلك.", "forbidden");

    public static ProblemHttpResult Unauthorized(HttpContext context) =>
        Problem(context, StatusCodes.Status401Unauthorized, "Veuillez vous identifier.", "يرجى تسجيل الدخول.", "unauthenticated");

    /// <summary>Null when the caller may go on; else 401 for an anonymous caller, 403 for a known one who may not.</summary>
    public static ProblemHttpResult? RefuseUnless(HttpContext context, Caller caller, bool allowed) =>
        !caller.IsAuthenticated ? Unauthorized(context) : allowed ? null : Forbidden(context);

    public static ValidationProblem Invalid(HttpContext context, string field, string fr, string ar) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [Pick(context, fr, ar)] });
}
