using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Apis;

public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Products");
        products.MapGet("/", ListProducts).WithName("ListProducts").WithSummary("Published products, newest first");
        products.MapGet("/{id:guid}", GetProduct).WithName("GetProduct").WithSummary("One product");
        products.MapPost("/", CreateProduct).WithName("CreateProduct").WithSummary("Add a draft product");
        products.MapPost("/{id:guid}/publish", PublishProduct).WithName("PublishProduct").WithSummary("Put a product on sale");
        return products;
    }

    public sealed record CreateProductRequest(
        Guid CooperativeId,
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        [Required, StringLength(20, MinimumLength = 1)] string Unit,
        [Range(typeof(decimal), "0.01", "1000000")] decimal PriceMad);

    public sealed record ProductResponse(Guid Id, Guid CooperativeId, string NameAr, string NameFr, string Unit, decimal PriceMad, string Status);

    private static ProductResponse ToResponse(Product p) =>
        new(p.Id, p.CooperativeId, p.NameAr, p.NameFr, p.Unit, p.PriceMad, p.Status.ToString());

    private static async Task<Ok<ProductResponse[]>> ListProducts(CatalogDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Published)
            .OrderByDescending(p => p.CreatedAt)
            .Take(50)
            .Select(p => new ProductResponse(p.Id, p.CooperativeId, p.NameAr, p.NameFr, p.Unit, p.PriceMad, p.Status.ToString()))
            .ToArrayAsync(ct));

    private static async Task<Results<Ok<ProductResponse>, NotFound>> GetProduct(Guid id, CatalogDbContext db, CancellationToken ct) =>
        await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } product
            ? TypedResults.Ok(ToResponse(product))
            : TypedResults.NotFound();

    private static async Task<Created<ProductResponse>> CreateProduct(CreateProductRequest request, CatalogDbContext db, CancellationToken ct)
    {
        var product = new Product
        {
            CooperativeId = request.CooperativeId,
            NameAr = request.NameAr.Trim(),
            NameFr = request.NameFr.Trim(),
            Unit = request.Unit.Trim(),
            PriceMad = request.PriceMad,
        };
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/products/{product.Id}", ToResponse(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> PublishProduct(Guid id, CatalogDbContext db, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return TypedResults.NotFound();

        product.Publish();
        db.AddIntegrationEvent(new ProductPublished(product.Id, product.CooperativeId, product.NameAr, product.NameFr, product.Unit, product.PriceMad));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(product));
    }
}
