using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Apis;

/// <summary>
/// A cooperative's members, with their consent: the manager invites and removes (<c>/cooperatives/{id}/members</c>),
/// the beneficiary answers and leaves in their own space (<c>/memberships</c>). A beneficiary sees only their own
/// memberships, and an invitation only with its code and until someone else answered it.
/// </summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/cooperatives/{id:guid}/members").WithTags("Cooperative members");
        members.MapGet("/", List).WithName("ListCooperativeMembers").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("A cooperative's members and open invitations, with the certificates each current member holds (its manager, operators)");
        members.MapPost("/", Invite).WithName("InviteCooperativeMember").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Invite a beneficiary: answers a one-time code the manager hands over; nothing shows until they consent");
        members.MapDelete("/{memberId:guid}", Remove).WithName("RemoveCooperativeMember").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Remove a member, or withdraw an unanswered invitation (its manager, operators)");

        var mine = app.MapGroup("/memberships").WithTags("Cooperative members");
        mine.MapGet("/", Mine).WithName("ListMyMemberships").For(Roles.Beneficiary)
            .WithSummary("The calling beneficiary's cooperative memberships, current and ended");
        mine.MapGet("/invitations/{code}", FindInvitation).WithName("GetMembershipInvitation").For(Roles.Beneficiary)
            .WithSummary("The invitation a code stands for, before answering it (beneficiary)");
        mine.MapPost("/invitations/{code}/consent", Consent).WithName("ConsentToMembership").EvictsMarketCache().For(Roles.Beneficiary)
            .WithSummary("The beneficiary consents to be a member: their certificates then count for the cooperative's trained badge");
        mine.MapPost("/{membershipId:guid}/leave", Leave).WithName("LeaveCooperative").EvictsMarketCache().For(Roles.Beneficiary)
            .WithSummary("The beneficiary leaves the cooperative: their certificates stop counting at once");
        return app;
    }

    public sealed record InviteRequest([Required, StringLength(200, MinimumLength = 2)] string DisplayName);

    public sealed record CourseTitle(Guid CourseId, string TitleAr, string TitleFr);

    /// <param name="InvitationCode">Only while the invitation is open: it is what the manager hands over.</param>
    public sealed record MemberResponse(
        Guid Id, Guid CooperativeId, string DisplayName, MembershipState State, string? InvitationCode,
        DateTimeOffset InvitedAt, DateTimeOffset? ConsentedAt, DateTimeOffset? LeftAt, MembershipEnd? EndedBy, IReadOnlyList<CourseTitle> Courses);

    public sealed record InvitationResponse(string Code, Guid CooperativeId, string CooperativeNameAr, string CooperativeNameFr, string DisplayName,
        DateTimeOffset InvitedAt, MembershipState State);

    public sealed record MembershipResponse(Guid Id, Guid CooperativeId, string CooperativeNameAr, string CooperativeNameFr, MembershipState State,
        DateTimeOffset InvitedAt, DateTimeOffset? ConsentedAt, DateTimeOffset? LeftAt, MembershipEnd? EndedBy);

    private static MemberResponse ToResponse(CooperativeMember m, IReadOnlyList<CourseTitle>? courses = null) => new(
        m.Id, m.CooperativeId, m.DisplayName, m.State, m.IsOpenInvitation ? m.InvitationCode : null,
        m.InvitedAt, m.ConsentedAt, m.LeftAt, m.EndedBy, courses ?? []);

    private static async Task<Results<Ok<Page<MemberResponse>>, NotFound, ProblemHttpResult>> List(
        Guid id, int? page, int? pageSize, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.CanManage(id)) return Problems.Forbidden(services.Http);
        if (!await services.Db.Cooperatives.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = services.Db.CooperativeMembers.AsNoTracking().Where(m => m.CooperativeId == id);
        var total = await query.CountAsync(ct);
        // Current members first, then open invitations, then those who left; newest first within each.
        var items = await query.OrderBy(m => m.LeftAt != null).ThenBy(m => m.ConsentedAt == null).ThenByDescending(m => m.InvitedAt).ThenBy(m => m.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);

        var current = items.Where(m => m.IsCurrent).Select(m => m.BeneficiaryId!).ToList();
        var held = await services.Db.MemberCertificates.AsNoTracking()
            .Where(c => current.Contains(c.BeneficiaryId) && c.IssuedAt != null && c.RevokedAt == null).ToListAsync(ct);
        IReadOnlyList<CourseTitle> CoursesOf(CooperativeMember m) => m.IsCurrent
            ? held.Where(c => c.BeneficiaryId == m.BeneficiaryId).DistinctBy(c => c.CourseId)
                .Select(c => new CourseTitle(c.CourseId, c.CourseTitleAr!, c.CourseTitleFr!)).ToList()
            : [];
        return TypedResults.Ok(new Page<MemberResponse>(items.Select(m => ToResponse(m, CoursesOf(m))).ToList(), number, size, total));
    }

    private static async Task<Results<Created<MemberResponse>, NotFound, ProblemHttpResult>> Invite(
        Guid id, InviteRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.CanManage(id)) return Problems.Forbidden(services.Http);
        if (!await services.Db.Cooperatives.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var member = new CooperativeMember
        {
            CooperativeId = id, DisplayName = request.DisplayName.Trim(), InvitationCode = CooperativeMember.NewCode(),
            InvitedBy = services.Caller.UserId!, InvitedAt = services.Clock.GetUtcNow(),
        };
        services.Db.CooperativeMembers.Add(member);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/cooperatives/{id}/members/{member.Id}", ToResponse(member));
    }

    private static async Task<Results<Ok<MemberResponse>, NotFound, ProblemHttpResult>> Remove(
        Guid id, Guid memberId, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.CanManage(id)) return Problems.Forbidden(services.Http);
        var member = await services.Db.CooperativeMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.CooperativeId == id, ct);
        if (member is null) return TypedResults.NotFound();
        if (member.End(MembershipEnd.Manager, services.Clock.GetUtcNow())) await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(member));
    }

    private static async Task<Ok<Page<MembershipResponse>>> Mine(int? page, int? pageSize, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var me = services.Caller.UserId;
        var query = from m in services.Db.CooperativeMembers.AsNoTracking()
                    where m.BeneficiaryId == me
                    join c in services.Db.Cooperatives on m.CooperativeId equals c.Id
                    select new { m, c.NameAr, c.NameFr };
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(r => r.m.LeftAt != null).ThenByDescending(r => r.m.ConsentedAt).ThenBy(r => r.m.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<MembershipResponse>(items.Select(r => new MembershipResponse(
            r.m.Id, r.m.CooperativeId, r.NameAr, r.NameFr, r.m.State, r.m.InvitedAt, r.m.ConsentedAt, r.m.LeftAt, r.m.EndedBy)).ToList(), number, size, total));
    }

    private static ProblemHttpResult InvitationNotFound(HttpContext http) => Problems.Problem(http, StatusCodes.Status404NotFound,
        "Aucune invitation ouverte ne porte ce code.", "لا توجد دعوة مفتوحة بهذا الرمز.", "invitation-not-found");

    /// <summary>
    /// The invitation is the caller's if it is still open (they hold its code) or they answered it; once someone
    /// else consented with it, or it was withdrawn, it does not exist for them.
    /// </summary>
    private static async Task<(CooperativeMember, Cooperative)?> FindOwnInvitationAsync(string code, CatalogServices services, bool track, CancellationToken ct)
    {
        var normalised = CooperativeMember.Normalise(code);
        // Two queries: AsNoTracking anywhere in one query would leave the member untracked, and a consent unsaved.
        var members = track ? services.Db.CooperativeMembers : services.Db.CooperativeMembers.AsNoTracking();
        var member = await members.FirstOrDefaultAsync(m => m.InvitationCode == normalised, ct);
        if (member is null || !(member.IsOpenInvitation || (member.BeneficiaryId == services.Caller.UserId && member.LeftAt is null))) return null;
        var cooperative = await services.Db.Cooperatives.AsNoTracking().FirstAsync(c => c.Id == member.CooperativeId, ct);
        return (member, cooperative);
    }

    private static InvitationResponse ToInvitation(CooperativeMember m, Cooperative c) =>
        new(m.InvitationCode, c.Id, c.NameAr, c.NameFr, m.DisplayName, m.InvitedAt, m.State);

    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> FindInvitation(string code, [AsParameters] CatalogServices services, CancellationToken ct) =>
        await FindOwnInvitationAsync(code, services, track: false, ct) is { } found ? TypedResults.Ok(ToInvitation(found.Item1, found.Item2)) : InvitationNotFound(services.Http);

    private static async Task<Results<Ok<MembershipResponse>, ProblemHttpResult>> Consent(string code, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (await FindOwnInvitationAsync(code, services, track: true, ct) is not { } found) return InvitationNotFound(services.Http);
        var (member, cooperative) = found;
        var me = services.Caller.UserId!;
        if (member.IsOpenInvitation) // else they already consented with this code: answering again changes nothing
        {
            if (await services.Db.CooperativeMembers.AnyAsync(m => m.CooperativeId == member.CooperativeId && m.BeneficiaryId == me && m.LeftAt == null, ct))
                return AlreadyMember(services.Http);
            member.Consent(me, services.Clock.GetUtcNow());
            try { await services.Db.SaveChangesAsync(ct); }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return AlreadyMember(services.Http); // a second code answered at the same moment
            }
        }
        return TypedResults.Ok(new MembershipResponse(member.Id, cooperative.Id, cooperative.NameAr, cooperative.NameFr, member.State,
            member.InvitedAt, member.ConsentedAt, member.LeftAt, member.EndedBy));
    }

    private static ProblemHttpResult AlreadyMember(HttpContext http) => Problems.Conflict(http,
        "Vous êtes déjà membre de cette coopérative.", "أنتم أعضاء في هذه التعاونية من قبل.", "already-member");

    private static async Task<Results<Ok<MembershipResponse>, ProblemHttpResult>> Leave(Guid membershipId, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var me = services.Caller.UserId;
        var left = await services.Db.CooperativeMembers.FirstOrDefaultAsync(m => m.Id == membershipId && m.BeneficiaryId == me, ct);
        // Someone else's membership does not exist for the caller.
        if (left is null) return Problems.Problem(services.Http, StatusCodes.Status404NotFound, "Adhésion introuvable.", "العضوية غير موجودة.", "not-found");
        if (left.End(MembershipEnd.Member, services.Clock.GetUtcNow())) await services.Db.SaveChangesAsync(ct);
        var cooperative = await services.Db.Cooperatives.AsNoTracking().FirstAsync(c => c.Id == left.CooperativeId, ct);
        return TypedResults.Ok(new MembershipResponse(left.Id, left.CooperativeId, cooperative.NameAr, cooperative.NameFr, left.State, left.InvitedAt, left.ConsentedAt, left.LeftAt, left.EndedBy));
    }
}
