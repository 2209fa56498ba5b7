using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Apis;

public static class CooperativesApi
{
    public static RouteGroupBuilder MapCooperativesApi(this IEndpointRouteBuilder app)
    {
        var cooperatives = app.MapGroup("/cooperatives").WithTags("Cooperatives");
        cooperatives.MapGet("/", List).WithName("ListCooperatives").Public().CacheOutput(MarketCache.Policy)
            .WithSummary("Verified cooperatives (operators also see applications and suspended ones), paged");
        cooperatives.MapGet("/{id:guid}", Get).WithName("GetCooperative").Public().CacheOutput(MarketCache.Policy).WithSummary("One cooperative's profile");
        cooperatives.MapPost("/", Apply).WithName("ApplyCooperative").SignedIn().WithSummary("A cooperative applies to sell on the market");
        cooperatives.MapGet("/{id:guid}/products", ListOwnProducts).WithName("ListCooperativeProducts").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("All of a cooperative's products, drafts included, with reserved stock: for its manager and operators");
        cooperatives.MapPost("/{id:guid}/verify", Verify).WithName("VerifyCooperative").EvictsMarketCache().For(Roles.Operator)
            .WithSummary("An operator vets a cooperative (or lifts its suspension)");
        cooperatives.MapPost("/{id:guid}/suspend", Suspend).WithName("SuspendCooperative").EvictsMarketCache().For(Roles.Operator)
            .WithSummary("An operator suspends a cooperative, with a reason; its products leave the market");

        app.MapGet("/regions", () => TypedResults.Ok(Regions.All)).WithTags("Reference")
            .WithName("ListRegions").Public().WithSummary("Morocco's twelve regions");
        app.MapGet("/categories", () => TypedResults.Ok(Categories.All)).WithTags("Reference")
            .WithName("ListCategories").Public().WithSummary("Product categories");
        return cooperatives;
    }

    public sealed record ApplyRequest(
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        [Required] string Region,
        [Required, StringLength(100, MinimumLength = 2)] string Province,
        CooperativeType Type,
        [MaxLength(10)] string[]? ProductFamilies,
        [Required, RegularExpression(@"^(\+212|0)[5-7]\d{8}$")] string ContactPhone,
        [EmailAddress] string? ContactEmail,
        SellerType SellerType = SellerType.Cooperative);

    public sealed record SuspendRequest([Required, StringLength(500, MinimumLength = 5)] string Reason);

    public sealed record CooperativeResponse(
        Guid Id, string NameAr, string NameFr, string Region, string Province, string Type, string[] ProductFamilies,
        string Status, string? SuspensionReason, DateTimeOffset AppliedAt, DateTimeOffset? VerifiedAt,
        string SellerType = nameof(Model.SellerType.Cooperative), ProgrammeBadge? Programme = null);

    /// <summary>
    /// What the public sees of a seller's programme membership: the programme, its value chain and since when. The
    /// diagnosis (its weak links) and what the support cost are the agency's working notes, for operators only.
    /// </summary>
    public sealed record ProgrammeBadge(string Code, string ValueChain, DateOnly Since);

    private static CooperativeResponse ToResponse(Cooperative c, ProgrammeMembership? membership = null) => new(
        c.Id, c.NameAr, c.NameFr, c.Region, c.Province, c.Type.ToString(), [.. c.ProductFamilies],
        c.Status.ToString(), c.SuspensionReason, c.AppliedAt, c.VerifiedAt, c.SellerType.ToString(),
        membership is null ? null : new ProgrammeBadge(membership.Programme, membership.ValueChain, membership.JoinedOn));

    private static async Task<Ok<Page<CooperativeResponse>>> List(
        [AsParameters] CatalogServices services, string? region, CooperativeType? type, CooperativeStatus? status,
        int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = services.Db.Cooperatives.AsNoTracking();
        // Only operators browse applications and suspended cooperatives; everyone else sees who sells.
        query = services.Caller.IsInRole(Roles.Operator)
            ? (status is { } s ? query.Where(c => c.Status == s) : query)
            : query.Where(c => c.Status == CooperativeStatus.Verified);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(c => c.Region == region);
        if (type is { } t) query = query.Where(c => c.Type == t);

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.NameFr).ThenBy(c => c.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<CooperativeResponse>(items.Select(c => ToResponse(c)).ToList(), number, size, total));
    }

    private static async Task<Results<Ok<CooperativeResponse>, NotFound>> Get(Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var cooperative = await services.Db.Cooperatives.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        // An application or a suspension is not public: outsiders see no such cooperative.
        if (cooperative is null || (!cooperative.IsSelling && !services.CanManage(id))) return TypedResults.NotFound();
        var membership = await services.Db.ProgrammeMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.CooperativeId == id, ct);
        return TypedResults.Ok(ToResponse(cooperative, membership));
    }

    public sealed record StockedProduct(ProductResponse Product, int StockReserved, DateTimeOffset UpdatedAt);

    private static async Task<Results<Ok<Page<StockedProduct>>, ProblemHttpResult>> ListOwnProducts(
        Guid id, int? page, int? pageSize, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.CanManage(id)) return Problems.Forbidden(services.Http);
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = services.Db.Products.AsNoTracking().Where(p => p.CooperativeId == id);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.NameFr).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<StockedProduct>(
            items.Select(p => new StockedProduct(ProductResponse.From(p), p.StockReserved, p.UpdatedAt)).ToList(), number, size, total));
    }

    private static async Task<Results<Created<CooperativeResponse>, ValidationProblem, ProblemHttpResult>> Apply(
        ApplyRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.Caller.IsAuthenticated) return Problems.Unauthorized(services.Http);
        if (!Regions.IsKnown(request.Region))
            return Problems.Invalid(services.Http, nameof(request.Region), "Région inconnue.", "جهة غير معروفة.");
        if (!Enum.IsDefined(request.Type))
            return Problems.Invalid(services.Http, nameof(request.Type), "Type de coopérative inconnu.", "نوع تعاونية غير معروف.");
        if (!Enum.IsDefined(request.SellerType))
            return Problems.Invalid(services.Http, nameof(request.SellerType), "Type de vendeur inconnu.", "نوع البائع غير معروف.");

        var cooperative = new Cooperative
        {
            NameAr = request.NameAr.Trim(), NameFr = request.NameFr.Trim(), Region = request.Region,
            Province = request.Province.Trim(), Type = request.Type, SellerType = request.SellerType,
            ProductFamilies = (request.ProductFamilies ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct().ToList(),
            ContactPhone = request.ContactPhone, ContactEmail = request.ContactEmail, AppliedBy = services.Caller.UserId,
        };
        services.Db.Cooperatives.Add(cooperative);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/cooperatives/{cooperative.Id}", ToResponse(cooperative));
    }

    private static async Task<Results<Ok<CooperativeResponse>, NotFound, ProblemHttpResult>> Verify(
        Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.Caller.IsInRole(Roles.Operator)) return Problems.Forbidden(services.Http);
        var cooperative = await services.Db.Cooperatives.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cooperative is null) return TypedResults.NotFound();

        if (cooperative.Verify(services.Clock.GetUtcNow()))
        {
            services.Db.AddIntegrationEvent(new CooperativeVerified(cooperative.Id, cooperative.NameAr, cooperative.NameFr, cooperative.Region));
            await CooperativeProfiles.AnnounceAsync(services.Db, cooperative, ct);
            await services.Db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToResponse(cooperative));
    }

    private static async Task<Results<Ok<CooperativeResponse>, NotFound, ProblemHttpResult>> Suspend(
        Guid id, SuspendRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.Caller.IsInRole(Roles.Operator)) return Problems.Forbidden(services.Http);
        var cooperative = await services.Db.Cooperatives.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cooperative is null) return TypedResults.NotFound();

        if (cooperative.Suspend(request.Reason.Trim()))
        {
            services.Db.AddIntegrationEvent(new CooperativeSuspended(cooperative.Id, cooperative.SuspensionReason!));
            await services.Db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToResponse(cooperative));
    }
}
