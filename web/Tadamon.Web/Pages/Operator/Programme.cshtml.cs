using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages.Operator;

/// <summary>The Tathmine programme's members for operators, and a way to enrol a verified seller.</summary>
public sealed class ProgrammeModel(Api api, Lang lang, ReferenceData reference) : WebPage(api, lang)
{
    [BindProperty(SupportsGet = true)] public string? ValueChain { get; set; }
    public Page<MemberSummary> Members { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<Backend.Cooperative> Sellers { get; private set; } = new([], 1, Paging.MaxPageSize, 0);
    public IReadOnlyList<ValueChain> ValueChains { get; private set; } = [];
    public IReadOnlyList<Backend.Region> Regions { get; private set; } = [];

    public string ChainName(string code) => ValueChains.FirstOrDefault(v => v.Code == code) is { } v ? L.T(v.NameAr, v.NameFr) : code;
    public string RegionName(string code) => Regions.FirstOrDefault(r => r.Code == code) is { } r ? L.T(r.NameAr, r.NameFr) : code;

    public async Task OnGetAsync(int? membersPage)
    {
        var members = Api.GetAsync<Page<MemberSummary>>(Services.Catalog, Query.Of("/programme/members",
            [new("valueChain", ValueChain), new("page", ListPage(membersPage).ToString(CultureInfo.InvariantCulture)), new("pageSize", ListSize.ToString(CultureInfo.InvariantCulture))]), Ct);
        var sellers = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog, $"/cooperatives?status=Verified&pageSize={Paging.MaxPageSize}", Ct);
        var chains = Api.GetAsync<IReadOnlyList<ValueChain>>(Services.Catalog, "/value-chains", Ct);
        var regions = reference.RegionsAsync(Ct);
        (Members, Sellers, ValueChains, Regions) = (await members, await sellers, await chains, await regions);
    }

    public IActionResult OnPostOpen(Guid cooperative) => LocalRedirect($"/operator/programme/{cooperative}");
}
