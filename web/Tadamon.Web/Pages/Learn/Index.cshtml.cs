using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn;

public sealed class LearnHomeModel(Api api, Lang lang) : WebPage(api, lang)
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Commune { get; set; }

    public IReadOnlyList<Backend.Centre> Centres { get; private set; } = [];
    public IReadOnlyList<string> Communes { get; private set; } = [];
    public ILookup<Guid, CourseSummary> CoursesByCentre { get; private set; } = Array.Empty<CourseSummary>().ToLookup(c => c.CentreId);

    public async Task OnGetAsync()
    {
        var type = LearnCodes.CentreTypes.Contains(Type) ? Type : null;
        var all = Api.GetAsync<Page<Backend.Centre>>(Services.Courses, "/centres?pageSize=100", Ct);
        var shown = Api.GetAsync<Page<Backend.Centre>>(Services.Courses, Query.Of("/centres", [new("type", type), new("commune", Commune), new("pageSize", "100")]), Ct);
        var courses = Api.GetAsync<Page<CourseSummary>>(Services.Courses, "/courses?pageSize=100", Ct);
        Communes = (await all).Items.Select(c => c.Commune).Distinct().Order().ToList();
        Centres = (await shown).Items;
        CoursesByCentre = (await courses).Items.ToLookup(c => c.CentreId);
    }
}
