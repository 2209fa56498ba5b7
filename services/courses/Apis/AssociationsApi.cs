using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Apis;

/// <summary>Partner associations that run centres, and which centre each runs (delegation staff decide both).</summary>
public static class AssociationsApi
{
    public static RouteGroupBuilder MapAssociationsApi(this IEndpointRouteBuilder app)
    {
        var associations = app.MapGroup("/associations").WithTags("Partner associations");
        associations.MapGet("/", ListAssociations).WithName("ListAssociations").For(Roles.Operator).WithSummary("Partner associations, with the number of centres each runs (delegation staff)");
        associations.MapGet("/{id:guid}", GetAssociation).WithName("GetAssociation").For(Roles.AssociationManager, Roles.Operator)
            .WithSummary("One partner association (its own manager, or delegation staff)");
        associations.MapPost("/", CreateAssociation).WithName("CreateAssociation").For(Roles.Operator).WithSummary("Register a partner association (delegation staff)");
        associations.MapPut("/{id:guid}", EditAssociation).WithName("EditAssociation").For(Roles.Operator).WithSummary("Change a partner association's name, registration number or contact");
        app.MapPut("/centres/{id:guid}/association", AssignCentre).WithTags("Centres").WithName("AssignCentreAssociation").For(Roles.Operator)
            .WithSummary("Give a centre to a partner association to run, or take it back (associationId null)")
            .WithDescription("The association's manager may manage the centre from then on, and loses it as soon as it is taken back.");
        return associations;
    }

    public sealed record AssociationRequest(
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        [Required, StringLength(50, MinimumLength = 2)] string RegistrationNumber,
        [Required, StringLength(120, MinimumLength = 2)] string ContactName,
        [Required, RegularExpression(@"^\+?[0-9 ]{9,16}$")] string Phone,
        [EmailAddress, StringLength(200)] string? Email);

    public sealed record AssignRequest(Guid? AssociationId);

    public sealed record AssociationResponse(
        Guid Id, string NameAr, string NameFr, string RegistrationNumber, string ContactName, string Phone, string? Email, int CentreCount)
    {
        public static AssociationResponse From(PartnerAssociation a, int centres) =>
            new(a.Id, a.NameAr, a.NameFr, a.RegistrationNumber, a.ContactName, a.Phone, a.Email, centres);
    }

    private static async Task<Ok<Page<AssociationResponse>>> ListAssociations(RequestContext rc, int? page, int? pageSize)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var total = await rc.Db.Associations.CountAsync(rc.Ct);
        var rows = await rc.Db.Associations.AsNoTracking().OrderBy(a => a.NameFr).ThenBy(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new { a, Centres = rc.Db.Centres.Count(c => c.AssociationId == a.Id) }).ToListAsync(rc.Ct);
        return TypedResults.Ok(new Page<AssociationResponse>(rows.Select(r => AssociationResponse.From(r.a, r.Centres)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<AssociationResponse>, ProblemHttpResult>> GetAssociation(Guid id, RequestContext rc)
    {
        // Another association's details are not its business: it is told there is none.
        if (!rc.Caller.IsInRole(Roles.Operator) && !rc.Caller.Manages(Roles.AssociationManager, id)) return AssociationNotFound(rc);
        var association = await rc.Db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, rc.Ct);
        if (association is null) return AssociationNotFound(rc);
        return TypedResults.Ok(AssociationResponse.From(association, await rc.Db.Centres.CountAsync(c => c.AssociationId == id, rc.Ct)));
    }

    private static async Task<Results<Created<AssociationResponse>, ProblemHttpResult>> CreateAssociation(AssociationRequest request, RequestContext rc)
    {
        if (rc.RefuseUnlessOperator() is { } refusal) return refusal;
        var association = new PartnerAssociation
        {
            NameAr = request.NameAr.Trim(), NameFr = request.NameFr.Trim(), RegistrationNumber = request.RegistrationNumber.Trim(),
            ContactName = request.ContactName.Trim(), Phone = request.Phone.Replace(" ", ""), Email = Blank(request.Email),
        };
        rc.Db.Associations.Add(association);
        if (await SaveAsync(rc) is { } conflict) return conflict;
        return TypedResults.Created($"/associations/{association.Id}", AssociationResponse.From(association, 0));
    }

    private static async Task<Results<Ok<AssociationResponse>, ProblemHttpResult>> EditAssociation(Guid id, AssociationRequest request, RequestContext rc)
    {
        if (rc.RefuseUnlessOperator() is { } refusal) return refusal;
        var association = await rc.Db.Associations.FirstOrDefaultAsync(a => a.Id == id, rc.Ct);
        if (association is null) return AssociationNotFound(rc);
        association.NameAr = request.NameAr.Trim();
        association.NameFr = request.NameFr.Trim();
        association.RegistrationNumber = request.RegistrationNumber.Trim();
        association.ContactName = request.ContactName.Trim();
        association.Phone = request.Phone.Replace(" ", "");
        association.Email = Blank(request.Email);
        if (await SaveAsync(rc) is { } conflict) return conflict;
        return TypedResults.Ok(AssociationResponse.From(association, await rc.Db.Centres.CountAsync(c => c.AssociationId == id, rc.Ct)));
    }

    private static async Task<Results<Ok<CentresApi.CentreResponse>, ProblemHttpResult>> AssignCentre(Guid id, AssignRequest request, RequestContext rc)
    {
        if (rc.RefuseUnlessOperator() is { } refusal) return refusal;
        var centre = await rc.Db.Centres.FirstOrDefaultAsync(c => c.Id == id, rc.Ct);
        if (centre is null) return rc.NotFound("Centre introuvable.", "المركز غير موجود.");
        if (request.AssociationId is { } association && !await rc.Db.Associations.AnyAsync(a => a.Id == association, rc.Ct))
            return AssociationNotFound(rc);
        if (centre.AssociationId == request.AssociationId) return TypedResults.Ok(CentresApi.CentreResponse.From(centre)); // nothing changes, nothing to tell
        centre.AssociationId = request.AssociationId;
        // Enrollment decides pre-registrations by centre: it learns who runs the centre from this event.
        rc.Db.AddIntegrationEvent(new CentreAssociationChanged(centre.Id, centre.AssociationId));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CentresApi.CentreResponse.From(centre));
    }

    private static ProblemHttpResult AssociationNotFound(RequestContext rc) => rc.NotFound("Association introuvable.", "الجمعية غير موجودة.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<ProblemHttpResult?> SaveAsync(RequestContext rc)
    {
        try
        {
            await rc.Db.SaveChangesAsync(rc.Ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict(rc.Http, "Une association porte déjà ce numéro d'enregistrement.", "توجد جمعية مسجلة بهذا الرقم مسبقا.", "association-exists");
        }
    }
}
