using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;

namespace Tadamon.Catalog.Photos;

/// <summary>A stored rendition as the public endpoint serves it.</summary>
public sealed record StoredRendition(string Hash, int Width, byte[] Bytes);

/// <summary>
/// Where renditions live, keyed by content hash and width. Writes join the caller's database transaction when the
/// store is the database itself, so a refused or failed upload leaves nothing behind. A production store outside
/// PostgreSQL (<see cref="S3PhotoStore"/>, <c>Photos:Store=s3</c>) implements the same interface; see the README,
/// Product photos.
/// </summary>
public interface IPhotoStore
{
    Task SaveAsync(string hash, IReadOnlyList<Rendition> renditions, CancellationToken ct);
    Task<StoredRendition?> FindAsync(string hash, int width, CancellationToken ct);
    /// <summary>Forgets a photo's renditions unless another product still shows the same picture.</summary>
    Task DeleteIfUnusedAsync(string hash, CancellationToken ct);
}

/// <summary>The rendition row of the default store (table <c>photo_renditions</c>).</summary>
public sealed class PhotoRendition
{
    public required string Hash { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required byte[] Bytes { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>The default store: catalog's own PostgreSQL, a few tens of kilobytes per rendition.</summary>
public sealed class PostgresPhotoStore(CatalogDbContext db) : IPhotoStore
{
    public async Task SaveAsync(string hash, IReadOnlyList<Rendition> renditions, CancellationToken ct)
    {
        // The same picture uploaded twice (or for two products) is stored once.
        foreach (var r in renditions)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO photo_renditions ("Hash", "Width", "Height", "Bytes", "CreatedAt")
                VALUES ({hash}, {r.Width}, {r.Height}, {r.Bytes}, {DateTimeOffset.UtcNow})
                ON CONFLICT ("Hash", "Width") DO NOTHING
                """, ct);
    }

    public Task<StoredRendition?> FindAsync(string hash, int width, CancellationToken ct) =>
        db.PhotoRenditions.AsNoTracking().Where(r => r.Hash == hash && r.Width == width)
            .Select(r => new StoredRendition(r.Hash, r.Width, r.Bytes)).FirstOrDefaultAsync(ct);

    public Task DeleteIfUnusedAsync(string hash, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM photo_renditions WHERE "Hash" = {hash}
            AND NOT EXISTS (SELECT 1 FROM products WHERE "Photos" @> jsonb_build_array(jsonb_build_object('Hash', {hash}::text)))
            """, ct);

    /// <summary>Whether any product still shows the picture (as the caller's transaction sees it).</summary>
    public static Task<bool> IsShownAsync(CatalogDbContext db, string hash, CancellationToken ct) =>
        db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM products WHERE "Photos" @> jsonb_build_array(jsonb_build_object('Hash', {hash}::text))) AS "Value"
            """).SingleAsync(ct);
}
