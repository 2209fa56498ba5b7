using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Apis;

public static class PreRegistrationsApi
{
    public static RouteGroupBuilder MapPreRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pre-registrations").WithTags("Pre-registrations");
        group.MapPost("/", Submit).WithName("SubmitPreRegistration").For(Roles.Beneficiary).WithSummary("Pre-register for a course (or a centre, to be placed)")
            .WithDescription("Give `courseId` or `centreId`, not both: a course to join it, a centre to be placed by its manager. " +
                "Under 18 on the day (Morocco's date), `guardianName` and `guardianPhone` are required. `phone` is a Moroccan mobile " +
                "(`06…`, `07…` or `+212…`). Send an `Idempotency-Key` header so a retried submission creates one pre-registration.");
        group.MapGet("/{id:guid}", Get).WithName("GetPreRegistration").For([Roles.Beneficiary, .. Roles.CentreRunners]).WithSummary("One pre-registration (its beneficiary or the centre's manager)");
        group.MapPost("/{id:guid}/reply", Reply).WithName("ReplyToInformationRequest").For(Roles.Beneficiary).WithSummary("Answer the centre's request for more information");
        app.MapGet("/me/pre-registrations", Mine).WithTags("Pre-registrations").WithName("MyPreRegistrations").For(Roles.Beneficiary).WithSummary("The caller's pre-registrations");
        return group;
    }

    public sealed record SubmitRequest(
        Guid? CourseId,
        Guid? CentreId,
        [Required, StringLength(200, MinimumLength = 3)] string FullName,
        DateOnly DateOfBirth,
        [Required, StringLength(20)] string Phone,
        [StringLength(200, MinimumLength = 3)] string? GuardianName,
        [StringLength(20)] string? GuardianPhone,
        AccessibilityNeeds AccessibilityNeeds);

    public sealed record ReplyRequest([Required, StringLength(1000, MinimumLength = 2)] string Message);

    private static async Task<Results<Created<PreRegistrationResponse>, ProblemHttpResult, ValidationProblem>> Submit(
        SubmitRequest request, RequestScope rs)
    {
        if (rs.RefuseUnlessBeneficiary() is { } refusal) return refusal;
        if (request.CourseId is null == request.CentreId is null)
            return Problems.Invalid(rs.Http, nameof(request.CourseId), "Choisissez un cours ou un centre (l'un des deux).", "اختر دورة أو مركزا (أحدهما فقط).");
        if (Invalid(request, rs) is { } invalid) return invalid;
        var user = rs.Caller.UserId!;
        var key = rs.Http.Request.Headers["Idempotency-Key"].ToString().Trim() is { Length: > 0 and <= 100 } k ? k : null;
        if (await ReplayAsync(rs, user, key) is { } replay) return replay;

        CourseSeats? course = null;
        Guid centreId;
        if (request.CourseId is { } courseId)
        {
            course = await rs.Db.CourseSeats.AsNoTracking().FirstOrDefaultAsync(c => c.CourseId == courseId, rs.Ct);
            if (course is null) return rs.CourseNotFound();
            centreId = course.CentreId;
            if (!course.IsOpenForRegistration(rs.Today)) return Closed(rs, course);
            var age = PreRegistration.AgeOn(request.DateOfBirth, rs.Today);
            if (age < course.MinAge || age > course.MaxAge)
                return Problems.Conflict(rs.Http, $"Ce cours accueille les personnes de {course.MinAge} à {course.MaxAge} ans.",
                    $"هذه الدورة موجهة للأشخاص من {course.MinAge} إلى {course.MaxAge} سنة.", "age-outside-audience");
        }
        else
        {
            centreId = request.CentreId!.Value;
            // A centre takes pre-registrations while at least one of its courses does.
            var today = rs.Today;
            if (!await rs.Db.CourseSeats.AnyAsync(c => c.CentreId == centreId && !c.Archived
                    && c.RegistrationOpensOn <= today && c.RegistrationClosesOn >= today, rs.Ct))
                return Problems.Conflict(rs.Http, "Ce centre ne prend pas de pré-inscriptions en ce moment.",
                    "هذا المركز لا يستقبل التسجيلات القبلية حاليا.", "registration-closed");
        }

        // The common duplicate is answered from a read; the partial unique index still settles simultaneous ones.
        if (await rs.Db.PreRegistrations.AnyAsync(p => p.BeneficiaryId == user && PreRegistration.Live.Contains(p.Status)
                && (request.CourseId != null ? p.CourseId == request.CourseId : p.CentreId == centreId && p.CourseId == null), rs.Ct))
            return await DuplicateUnlessRetryAsync(rs, user, key);

        var pre = new PreRegistration
        {
            CentreId = centreId, CourseId = request.CourseId, BeneficiaryId = user, FullName = request.FullName.Trim(),
            DateOfBirth = request.DateOfBirth, Phone = MoroccanPhone.Normalise(request.Phone)!,
            GuardianName = request.GuardianName?.Trim(), GuardianPhone = MoroccanPhone.Normalise(request.GuardianPhone),
            AccessibilityNeeds = request.AccessibilityNeeds, Status = PreRegistrationStatus.Submitted, SubmittedAt = rs.Now, IdempotencyKey = key,
        };
        rs.Db.PreRegistrations.Add(pre);
        rs.Db.AddIntegrationEvent(new PreRegistrationSubmitted(pre.Id, centreId, pre.CourseId, pre.BeneficiaryId));
        try
        {
            await rs.Db.SaveChangesAsync(rs.Ct);
        }
        catch (DbUpdateException ex) when (RequestScope.IsUniqueViolation(ex))
        {
            rs.Db.ChangeTracker.Clear();
            return await DuplicateUnlessRetryAsync(rs, user, key);
        }
        return TypedResults.Created($"/pre-registrations/{pre.Id}", PreRegistrationResponse.From(pre));
    }

    /// <summary>The same retry arriving twice at once gets the first answer; anything else is a real duplicate.</summary>
    private static async Task<Results<Created<PreRegistrationResponse>, ProblemHttpResult, ValidationProblem>> DuplicateUnlessRetryAsync(
        RequestScope rs, string user, string? key) =>
        await ReplayAsync(rs, user, key) is { } first ? first : rs.Duplicate();

    /// <summary>A submission already made with this key answers as the first time did.</summary>
    private static async Task<Created<PreRegistrationResponse>?> ReplayAsync(RequestScope rs, string user, string? key)
    {
        if (key is null) return null;
        var earlier = await rs.Db.PreRegistrations.AsNoTracking().FirstOrDefaultAsync(p => p.BeneficiaryId == user && p.IdempotencyKey == key, rs.Ct);
        return earlier is null ? null : TypedResults.Created($"/pre-registrations/{earlier.Id}", PreRegistrationResponse.From(earlier));
    }

    private static ValidationProblem? Invalid(SubmitRequest request, RequestScope rs)
    {
        if (MoroccanPhone.Normalise(request.Phone) is null)
            return Problems.Invalid(rs.Http, nameof(request.Phone), "Numéro de mobile marocain attendu (06 ou 07, 10 chiffres).",
                "يرجى إدخال رقم هاتف محمول مغربي (06 أو 07، 10 أرقام).");
        var age = PreRegistration.AgeOn(request.DateOfBirth, rs.Today);
        if (request.DateOfBirth > rs.Today || age > 120)
            return Problems.Invalid(rs.Http, nameof(request.DateOfBirth), "Date de naissance invalide.", "تاريخ الازدياد غير صحيح.");
        if (age >= PreRegistration.AdultAge) return null;
        if (string.IsNullOrWhiteSpace(request.GuardianName))
            return Problems.Invalid(rs.Http, nameof(request.GuardianName), "Pour un mineur, le nom du tuteur est obligatoire.",
                "اسم الولي إلزامي بالنسبة للقاصر.");
        if (MoroccanPhone.Normalise(request.GuardianPhone) is null)
            return Problems.Invalid(rs.Http, nameof(request.GuardianPhone), "Pour un mineur, le mobile du tuteur est obligatoire (06 ou 07).",
                "رقم هاتف الولي إلزامي بالنسبة للقاصر (06 أو 07).");
        return null;
    }

    private static ProblemHttpResult Closed(RequestScope rs, CourseSeats course) => course.Archived
        ? Problems.Conflict(rs.Http, "Ce cours est clos.", "هذه الدورة مغلقة.", "course-archived")
        : Problems.Conflict(rs.Http,
            $"Les pré-inscriptions sont ouvertes du {course.RegistrationOpensOn:dd/MM/yyyy} au {course.RegistrationClosesOn:dd/MM/yyyy}.",
            $"التسجيل القبلي مفتوح من {course.RegistrationOpensOn:dd/MM/yyyy} إلى {course.RegistrationClosesOn:dd/MM/yyyy}.",
            "registration-closed");

    private static async Task<Results<Ok<PreRegistrationResponse>, ProblemHttpResult>> Get(Guid id, RequestScope rs)
    {
        var pre = await rs.Db.PreRegistrations.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, rs.Ct);
        if (pre is null) return rs.PreRegistrationNotFound();
        if (await rs.HideUnlessOwnerOrManagerAsync(pre.BeneficiaryId, pre.CentreId, rs.PreRegistrationNotFound()) is { } refusal) return refusal;
        return TypedResults.Ok(PreRegistrationResponse.From(pre));
    }

    private static async Task<Results<Ok<PreRegistrationResponse>, ProblemHttpResult>> Reply(Guid id, ReplyRequest request, RequestScope rs)
    {
        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var pre = await rs.Db.LockPreRegistrationAsync(id, rs.Ct); // a decision taken meanwhile must not be overwritten
        if (pre is null) return rs.PreRegistrationNotFound();
        if (!rs.IsBeneficiary(pre.BeneficiaryId)) return await rs.ManagesAsync(pre.CentreId) ? Problems.Forbidden(rs.Http) : rs.PreRegistrationNotFound();
        if (pre.Status != PreRegistrationStatus.InformationRequested)
            return Problems.Conflict(rs.Http, "Aucune information ne vous est demandée.", "لم يطلب منكم أي معلومات.", "no-information-requested");
        pre.InformationReply = request.Message.Trim();
        pre.Status = PreRegistrationStatus.Submitted;
        await rs.Db.SaveChangesAsync(rs.Ct);
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(PreRegistrationResponse.From(pre));
    }

    private static async Task<Results<Ok<PreRegistrationResponse[]>, ProblemHttpResult>> Mine(RequestScope rs)
    {
        if (rs.RefuseUnlessBeneficiary() is { } refusal) return refusal;
        var user = rs.Caller.UserId;
        var rows = await rs.Db.PreRegistrations.AsNoTracking().Where(p => p.BeneficiaryId == user)
            .OrderByDescending(p => p.SubmittedAt).Take(100).ToListAsync(rs.Ct);
        return TypedResults.Ok(rows.Select(PreRegistrationResponse.From).ToArray());
    }
}
