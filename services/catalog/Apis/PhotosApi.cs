using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Photos;

namespace Tadamon.Catalog.Apis;

/// <summary>
/// A cooperative's product photos: upload (checked by content, stripped of metadata, re-encoded), order, cover and
/// removal; and the renditions themselves, public and cached for a year under their content hash.
/// </summary>
public static class PhotosApi
{
    /// <summary>
    /// Room above the 5 MB rule, so a photo a little too large is read and refused with a clear message; far larger
    /// bodies are cut off by the server (413). The gateway lets the same size through on this route.
    /// </summary>
    private const long MaxRequestBytes = 8 * 1024 * 1024;

    public static void MapPhotoEndpoints(this RouteGroupBuilder products)
    {
        var photos = products.MapGroup("/{id:guid}/photos");
        photos.MapGet("/", List).WithName("ListProductPhotos").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("A product's photos in order, the cover first, drafts included");
        photos.MapPost("/", Upload).WithName("UploadProductPhoto").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .DisableAntiforgery() // a bearer-token API: no cookie a forged form could ride on
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes)
            .WithSummary("Add a photo (multipart field 'file': JPEG, PNG or WebP, at most 5 MB, 8000 px a side and 40 megapixels; at most 6 per product)");
        photos.MapPut("/order", Reorder).WithName("ReorderProductPhotos").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Put the photos in a new order (every photo id once); the first is the cover");
        photos.MapPost("/{photoId:guid}/cover", MakeCover).WithName("SetProductCover").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Make a photo the product's cover");
        photos.MapDelete("/{photoId:guid}", Delete).WithName("DeleteProductPhoto").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Remove a photo from the product");
    }

    /// <summary>The renditions, at <c>/photos/{hash}/{width}</c>: what a page's img and srcset point at.</summary>
    public static void MapPhotoRenditions(this IEndpointRouteBuilder app) =>
        app.MapGet("/photos/{hash:regex(^[0-9a-f]{{64}}$)}/{width:int}", GetRendition).WithTags("Products")
            .WithName("GetPhotoRendition").Public()
            .WithSummary("One WebP rendition of a product photo; immutable, cached for a year (ETag, If-None-Match)");

    public sealed record ReorderRequest(Guid[]? PhotoIds);

    private static async Task<Results<Ok<IReadOnlyList<ProductPhoto>>, NotFound, ProblemHttpResult>> List(
        Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var product = await services.Db.Products.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.CooperativeId, p.Photos }).FirstOrDefaultAsync(ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        return TypedResults.Ok(product.Photos);
    }

    private static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, IFormFile? file, [AsParameters] CatalogServices services, IPhotoStore store, CancellationToken ct)
    {
        var found = await services.Db.Products.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.CooperativeId, p.Photos }).FirstOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();
        if (!services.CanManage(found.CooperativeId)) return Problems.Forbidden(services.Http);
        if (file is null) return Refuse(services.Http, new("Choisissez une photo à envoyer.", "اختر صورة لإرسالها."));
        if (found.Photos.Count >= ProductPhoto.MaxPerProduct) return TooMany(services.Http);
        if (PhotoProcessor.Check(file.Length) is { } refusal) return Refuse(services.Http, refusal);

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        var (photo, refused) = PhotoProcessor.Process(bytes);
        if (photo is null) return Refuse(services.Http, refused!);

        // Under the product's row lock, so two uploads at once cannot make a seventh photo.
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var product = await LockAsync(services, id, ct);
        if (product is null) return TypedResults.NotFound();
        var known = product.Photos.Any(p => p.Hash == photo.Hash);
        if (!known && !product.HasRoomForPhoto) return TooMany(services.Http);

        if (!known) await store.SaveAsync(photo.Hash, photo.Renditions, ct);
        product.AddPhoto(photo.Hash, photo.Largest.Width, photo.Largest.Height, [.. photo.Renditions.Select(r => r.Width)], services.Clock.GetUtcNow());
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var response = ProductResponse.From(product);
        // Sending the same picture again (a double click) changes nothing and says so.
        return known ? TypedResults.Ok(response) : TypedResults.Created($"/products/{id}/photos", response);
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Reorder(
        Guid id, ReorderRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var product = await LockAsync(services, id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        if (!product.ReorderPhotos(request.PhotoIds ?? [], services.Clock.GetUtcNow()))
            return Problems.Invalid(services.Http, nameof(request.PhotoIds),
                "Donnez chaque photo du produit une fois, dans le nouvel ordre.", "اذكر كل صورة من صور المنتج مرة واحدة بالترتيب الجديد.");
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ProblemHttpResult>> MakeCover(
        Guid id, Guid photoId, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var product = await LockAsync(services, id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        if (!product.MakeCover(photoId, services.Clock.GetUtcNow())) return TypedResults.NotFound();
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ProblemHttpResult>> Delete(
        Guid id, Guid photoId, [AsParameters] CatalogServices services, IPhotoStore store, CancellationToken ct)
    {
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var product = await LockAsync(services, id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        if (product.RemovePhoto(photoId, services.Clock.GetUtcNow()) is not { } removed) return TypedResults.NotFound();
        await services.Db.SaveChangesAsync(ct);
        await store.DeleteIfUnusedAsync(removed.Hash, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, StatusCodeHttpResult>> GetRendition(
        string hash, int width, HttpContext http, IPhotoStore store, CancellationToken ct)
    {
        // The bytes under a hash and width never change: the key itself is the ETag, and a revalidation reads nothing.
        var etag = new EntityTagHeaderValue($"\"{hash}-{width}\"");
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(e => e.Compare(etag, useStrongComparison: false)))
        {
            SetImmutable(http, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var rendition = await store.FindAsync(hash, width, ct);
        if (rendition is null) return TypedResults.NotFound();
        SetImmutable(http, etag);
        return TypedResults.File(rendition.Bytes, "image/webp");
    }

    private static void SetImmutable(HttpContext http, EntityTagHeaderValue etag)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.ETag = etag.ToString();
    }

    private static async Task<Product?> LockAsync(CatalogServices services, Guid id, CancellationToken ct) =>
        (await services.Db.Products.FromSql($"""SELECT * FROM products WHERE "Id" = {id} FOR UPDATE""").ToListAsync(ct)).FirstOrDefault();

    private static ValidationProblem Refuse(HttpContext http, PhotoRefusal refusal) =>
        Problems.Invalid(http, "file", refusal.French, refusal.Arabic);

    private static ValidationProblem TooMany(HttpContext http) => Refuse(http,
        new($"Un produit a au plus {ProductPhoto.MaxPerProduct} photos : retirez-en une d'abord.",
            $"للمنتج {ProductPhoto.MaxPerProduct} صور على الأكثر: احذف واحدة أولا."));
}
