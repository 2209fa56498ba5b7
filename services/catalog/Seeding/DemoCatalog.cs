using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Photos;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Seeding;

/// <summary>
/// Fills an empty catalogue when <c>Seed:Demo</c> is true. It goes through the same domain steps and outbox
/// as the API (verify → <c>CooperativeVerified</c>, publish → <c>ProductPublished</c>), so orders' price book
/// fills from events exactly as in real use. A catalogue with any cooperative is left alone.
/// </summary>
public static class DemoCatalog
{
    public static async Task SeedAsync(CatalogDbContext db, CancellationToken ct)
    {
        // Replicas starting together would both find the catalogue empty: one seeds, the others wait and skip.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        if (await db.Cooperatives.AnyAsync(ct)) return;

        var now = DateTimeOffset.UtcNow;
        var store = new PostgresPhotoStore(db);
        foreach (var (demo, number) in DemoCatalogData.Cooperatives.Select((c, i) => (c, i + 1)))
        {
            var cooperative = new Cooperative
            {
                // Stable ids: identity's demo cooperative manager is scoped to "cooperative:1" (Tifawine).
                Id = DemoIds.Of($"cooperative:{number}"),
                NameAr = demo.NameAr, NameFr = demo.NameFr, Region = demo.Region, Province = demo.Province,
                Type = demo.Type, SellerType = demo.SellerType, ContactPhone = demo.Phone, AppliedBy = "demo",
                ProductFamilies = demo.Products.Select(p => p.Category).Distinct().ToList(),
            };
            cooperative.Verify(now);
            db.Cooperatives.Add(cooperative);
            db.AddIntegrationEvent(new CooperativeVerified(cooperative.Id, cooperative.NameAr, cooperative.NameFr, cooperative.Region));

            foreach (var item in demo.Products)
            {
                var product = new Product
                {
                    CooperativeId = cooperative.Id, NameAr = item.NameAr, NameFr = item.NameFr,
                    DescriptionAr = DemoCatalogData.DescriptionAr(item), DescriptionFr = DemoCatalogData.DescriptionFr(item),
                    Category = item.Category, Unit = item.Unit, PriceMad = item.PriceMad, StockAvailable = item.Stock,
                };
                product.RefreshSearchText();
                await AddPictureAsync(store, product, item, now, ct);
                db.Products.Add(product);
                ProductsApi.PublishThroughOutbox(db, product);
            }
            DemoProgramme.Enrol(db, cooperative.Id, number, MoroccoTime.DateOf(now));
            await CooperativeProfiles.AnnounceAsync(db, cooperative, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The product's drawn picture, through the same checks, renditions and store as an upload.</summary>
    private static async Task AddPictureAsync(IPhotoStore store, Product product, DemoCatalogData.DemoProduct item, DateTimeOffset now, CancellationToken ct)
    {
        var (photo, refusal) = PhotoProcessor.Process(DemoPictures.Draw(item.NameFr, item.Category));
        if (photo is null) throw new InvalidOperationException($"The demo picture of {item.NameFr} was refused: {refusal?.French}");
        await store.SaveAsync(photo.Hash, photo.Renditions, ct);
        product.AddPhoto(photo.Hash, photo.Largest.Width, photo.Largest.Height, [.. photo.Renditions.Select(r => r.Width)], now);
    }

    private const long SeedLockKey = 0x7461646d_73656564; // "tadmseed"
}
