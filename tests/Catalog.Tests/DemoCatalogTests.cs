using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Seeding;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Tests;

/// <summary>Its own class, so its own empty database: seeding only ever fills an empty catalogue.</summary>
public sealed class DemoCatalogTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private async Task SeedInOwnScopeAsync()
    {
        await using var scope = catalog.Services.CreateAsyncScope();
        await DemoCatalog.SeedAsync(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), default);
    }

    [Fact]
    public async Task When_replicas_seed_at_the_same_time_Should_fill_the_catalogue_once_through_the_outbox()
    {
        // The factory builds its host on first use, and three first uses at once can build three (each migrating).
        _ = catalog.Services;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(SeedInOwnScopeAsync)));
        await SeedInOwnScopeAsync();

        var (cooperatives, regions, products, published) = await catalog.InScopeAsync(async (db, _) => (
            await db.Cooperatives.CountAsync(c => c.Status == CooperativeStatus.Verified),
            await db.Cooperatives.Select(c => c.Region).Distinct().CountAsync(),
            await db.Products.CountAsync(p => p.Status == ProductStatus.Published),
            await db.Set<OutboxMessage>().CountAsync(m => m.Type.Contains("ProductPublished"))));
        Assert.InRange(cooperatives, 24, 60);
        Assert.Equal(12, regions);
        Assert.Equal(products, published);
        // Identity's demo cooperative manager is scoped to this id: it must name the seeded cooperative.
        var first = await catalog.InScopeAsync((db, _) => db.Cooperatives.FirstOrDefaultAsync(c => c.Id == DemoIds.Of("cooperative:1")));
        Assert.Equal("تعاونية تيفاوين لزيت أركان", first?.NameAr);
    }

    [Fact]
    public async Task When_replicas_seed_the_demo_member_at_once_Should_make_the_demo_beneficiary_a_consenting_member_of_Tifawine_once()
    {
        _ = catalog.Services;
        await SeedInOwnScopeAsync();
        async Task SeedMembersAsync()
        {
            await using var scope = catalog.Services.CreateAsyncScope();
            await DemoMembers.SeedAsync(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), default);
        }
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(SeedMembersAsync)));
        await SeedMembersAsync();

        var members = await catalog.InScopeAsync((db, _) => db.CooperativeMembers.AsNoTracking()
            .Where(m => m.BeneficiaryId == DemoIds.Of(DemoIds.BeneficiaryKey).ToString()).ToListAsync());
        var member = Assert.Single(members);
        Assert.Equal(DemoIds.Of("cooperative:1"), member.CooperativeId);
        Assert.True(member.IsCurrent);
    }
}
