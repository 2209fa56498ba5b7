using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Seeding;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Tests;

/// <summary>The Tathmine programme: operators record memberships and support actions; others copy the profile through events.</summary>
public sealed class ProgrammeTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<List<CooperativeProfileChanged>> ProfilesOfAsync(Guid cooperativeId) =>
        (await catalog.InScopeAsync((db, _) => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(".CooperativeProfileChanged,")).ToListAsync()))
        .Select(m => JsonSerializer.Deserialize<CooperativeProfileChanged>(m.Payload, CatalogFactory.Json)!)
        .Where(e => e.CooperativeId == cooperativeId).OrderBy(e => e.Version).ToList();

    private Task<HttpResponseMessage> JoinAsync(Guid id, string valueChain = "argan", DateOnly? joinedOn = null, string[]? weakLinks = null) =>
        catalog.Operator().PutAsJsonAsync($"/cooperatives/{id}/programme", new
        {
            valueChain, joinedOn = joinedOn ?? Today.AddMonths(-6), weakLinks = weakLinks ?? ["packaging", "marketing"],
            diagnosisNote = "Conditionnement artisanal.",
        });

    [Fact]
    public async Task When_an_operator_records_a_membership_and_support_actions_Should_keep_them_and_announce_each_version()
    {
        var id = await catalog.VerifiedCooperativeAsync();
        var joined = await JoinAsync(id);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);

        var training = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions",
            new { kind = "Training", on = Today.AddMonths(-4), costMad = 18000.50m, notes = "Étiquetage" });
        Assert.Equal(HttpStatusCode.Created, training.StatusCode);
        var action = (await training.Content.ReadFromJsonAsync<ProgrammeApi.SupportActionResponse>(CatalogFactory.Json))!;
        var equipment = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions",
            new { kind = "Equipment", on = Today.AddMonths(-2), costMad = 65000m });
        Assert.Equal(HttpStatusCode.Created, equipment.StatusCode);
        var moved = await catalog.Operator().PutAsJsonAsync($"/cooperatives/{id}/programme/support-actions/{action.Id}",
            new { kind = "Training", on = Today.AddMonths(-3), costMad = 18000.50m, notes = "Étiquetage ONSSA" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var membership = (await catalog.Operator().GetFromJsonAsync<ProgrammeApi.MembershipResponse>($"/cooperatives/{id}/programme", CatalogFactory.Json))!;
        Assert.Equal("argan", membership.ValueChain);
        Assert.Equal(["packaging", "marketing"], membership.WeakLinks);
        Assert.Equal(2, membership.SupportActions.Count);
        Assert.Equal(83000.50m, membership.SupportCostMad);
        Assert.Equal(Today.AddMonths(-3), membership.SupportActions[0].On);

        // Verified, joined, two actions, one edit: five versions, each whole, the last with both actions' new days.
        var profiles = await ProfilesOfAsync(id);
        Assert.Equal([1L, 2, 3, 4, 5], profiles.Select(p => p.Version));
        Assert.Null(profiles[0].Programme);
        Assert.Equal("argan", profiles[0].ValueChain); // a non-member counts in the chain its product families map to
        var last = profiles[^1];
        Assert.Equal((Programmes.Tathmine, "argan", "souss-massa", "Cooperative"), (last.Programme, last.ValueChain, last.Region, last.SellerType));
        Assert.Equal([Today.AddMonths(-3), Today.AddMonths(-2)], last.SupportActions.Select(a => a.On));
        Assert.Equal(Today.AddMonths(-6), last.JoinedOn);
    }

    [Fact]
    public async Task When_the_public_reads_a_member_Should_see_programme_and_value_chain_but_not_the_diagnosis()
    {
        var id = await catalog.VerifiedCooperativeAsync(nameFr: "Coopérative Taliouine");
        (await JoinAsync(id, "saffron", Today.AddYears(-1))).EnsureSuccessStatusCode();

        var response = await catalog.CreateClient().GetAsync($"/cooperatives/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var profile = JsonSerializer.Deserialize<CooperativesApi.CooperativeResponse>(text, CatalogFactory.Json)!;
        Assert.Equal(new CooperativesApi.ProgrammeBadge("tathmine", "saffron", Today.AddYears(-1)), profile.Programme);
        Assert.DoesNotContain("packaging", text);
        Assert.DoesNotContain("Conditionnement", text);
        Assert.Equal(HttpStatusCode.Forbidden, (await catalog.As(Roles.Buyer, "buyer").GetAsync($"/cooperatives/{id}/programme")).StatusCode);
    }

    [Fact]
    public async Task When_the_request_is_wrong_Should_answer_a_problem_and_change_nothing()
    {
        var id = await catalog.VerifiedCooperativeAsync(nameFr: "Coopérative Refus");
        var before = (await ProfilesOfAsync(id)).Count;

        Assert.Equal(HttpStatusCode.BadRequest, (await JoinAsync(id, "olive")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await JoinAsync(id, weakLinks: ["weather"])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await JoinAsync(id, joinedOn: Today.AddDays(2))).StatusCode);
        var notMember = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions", new { kind = "Training", on = Today, costMad = 10m });
        Assert.Equal(HttpStatusCode.Conflict, notMember.StatusCode);
        Assert.Equal("application/problem+json", notMember.Content.Headers.ContentType?.MediaType);

        (await JoinAsync(id, joinedOn: Today.AddMonths(-1))).EnsureSuccessStatusCode();
        var beforeJoining = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions", new { kind = "Training", on = Today.AddMonths(-2), costMad = 10m });
        Assert.Equal(HttpStatusCode.BadRequest, beforeJoining.StatusCode);
        Assert.Contains("On", await beforeJoining.Content.ReadAsStringAsync());
        var badCost = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions", new { kind = "Equipment", on = Today, costMad = 10.555m });
        Assert.Equal(HttpStatusCode.BadRequest, badCost.StatusCode);
        var badKind = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{id}/programme/support-actions", new { kind = "Lunch", on = Today, costMad = 10m });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);

        Assert.Equal(0, await catalog.InScopeAsync((db, _) => db.SupportActions.CountAsync(a => a.CooperativeId == id)));
        Assert.Equal(before + 1, (await ProfilesOfAsync(id)).Count); // only the one valid membership announced
        Assert.Equal(HttpStatusCode.NotFound, (await JoinAsync(Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task When_a_small_enterprise_applies_Should_be_vetted_like_a_cooperative_and_keep_its_character()
    {
        var applied = await catalog.As(Roles.CooperativeManager, "tpe").PostAsJsonAsync("/cooperatives", new
        {
            nameAr = "مقاولة صغيرة للنسيج", nameFr = "TPE du tissage", region = "tanger-tetouan-al-hoceima", province = "Chefchaouen",
            type = "Women", sellerType = "SmallEnterprise", productFamilies = new[] { "textiles" }, contactPhone = "0539000000",
        });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var seller = (await applied.Content.ReadFromJsonAsync<CooperativesApi.CooperativeResponse>(CatalogFactory.Json))!;
        Assert.Equal(("SmallEnterprise", "Women", "Applied"), (seller.SellerType, seller.Type, seller.Status));
        (await catalog.Operator().PostAsync($"/cooperatives/{seller.Id}/verify", null)).EnsureSuccessStatusCode();
        var profile = Assert.Single(await ProfilesOfAsync(seller.Id));
        Assert.Equal(("SmallEnterprise", "textiles-carpets"), (profile.SellerType, profile.ValueChain));

        var unknown = await catalog.As(Roles.CooperativeManager, "tpe").PostAsJsonAsync("/cooperatives", new
        {
            nameAr = "مقاولة", nameFr = "Entreprise", region = "oriental", province = "Oujda", type = "Mixed", sellerType = "Multinational",
            contactPhone = "0536000000",
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public void Value_chains_group_the_markets_own_categories_each_once()
    {
        var covered = ValueChains.All.SelectMany(v => v.Categories).ToList();
        Assert.All(covered, c => Assert.True(Categories.IsKnown(c), $"{c} is not a market category"));
        Assert.Equal(covered.Count, covered.Distinct().Count());
        Assert.Equal("argan", ValueChains.OfFamilies(["cosmetics", "amlou", "honey"]));
        Assert.Null(ValueChains.OfFamilies(["olive-oil"]));
    }
}

/// <summary>Its own class, so its own empty database: the demo programme only comes with a fresh catalogue.</summary>
public sealed class DemoProgrammeTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    [Fact]
    public async Task When_the_demo_is_seeded_Should_have_members_in_several_chains_and_regions_with_support_actions()
    {
        await catalog.InScopeAsync(async (db, _) => { await DemoCatalog.SeedAsync(db, default); return 0; });
        var (chains, regions, actions, profiles) = await catalog.InScopeAsync(async (db, _) => (
            await db.ProgrammeMemberships.Select(m => m.ValueChain).Distinct().CountAsync(),
            await db.ProgrammeMemberships.Join(db.Cooperatives, m => m.CooperativeId, c => c.Id, (m, c) => c.Region).Distinct().CountAsync(),
            await db.SupportActions.CountAsync(),
            await db.Set<OutboxMessage>().CountAsync(m => m.Type.Contains(".CooperativeProfileChanged,"))));
        Assert.True(chains >= 6, $"{chains} value chains");
        Assert.True(regions >= 4, $"{regions} regions");
        Assert.True(actions >= 10, $"{actions} support actions");
        Assert.Equal(await catalog.InScopeAsync((db, _) => db.Cooperatives.CountAsync()), profiles);
        Assert.Equal(3, await catalog.InScopeAsync((db, _) => db.Cooperatives.CountAsync(c => c.SellerType == SellerType.VerySmallEnterprise)));
    }
}
