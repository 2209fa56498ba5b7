using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

/// <summary>One seller's file in the Tathmine programme: its membership and diagnosis, and the support it received.</summary>
public sealed class MemberModel(Api api, Lang lang) : WebPage(api, lang)
{
    public static readonly string[] WeakLinks = ["production", "quality", "packaging", "certification", "marketing", "governance", "finance", "logistics", "skills"];
    public static readonly string[] Kinds = ["TechnicalSupport", "Training", "Equipment", "ProfessionalOrganisation"];

    public Backend.Cooperative? Cooperative { get; private set; }
    public ProgrammeMembership? Membership { get; private set; }
    public IReadOnlyList<ValueChain> ValueChains { get; private set; } = [];
    public DateOnly Today { get; } = MoroccoTime.DateOf(DateTimeOffset.UtcNow);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var cooperative = Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{id}", Ct);
        var membership = Api.FindAsync<ProgrammeMembership>(Services.Catalog, $"/cooperatives/{id}/programme", Ct);
        var chains = Api.GetAsync<IReadOnlyList<ValueChain>>(Services.Catalog, "/value-chains", Ct);
        (Cooperative, Membership, ValueChains) = (await cooperative, await membership, await chains);
        return Cooperative is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostMembershipAsync(Guid id, string valueChain, DateOnly joinedOn, string[]? weakLinks, string? diagnosisNote)
    {
        if (await TryAsync(() => Api.PutAsync<Unit>(Services.Catalog, $"/cooperatives/{id}/programme", new { valueChain, joinedOn, weakLinks, diagnosisNote }, Ct)))
            Done = L.T("سجلت العضوية.", "Adhésion enregistrée.");
        return BackHere();
    }

    public async Task<IActionResult> OnPostSupportAsync(Guid id, Guid? supportAction, string kind, DateOnly on, string costMad, string? notes)
    {
        // The number input always sends a dot, whatever the page's language: read it as such, not in the request's culture.
        if (!decimal.TryParse(costMad, NumberStyles.Number, CultureInfo.InvariantCulture, out var cost))
        {
            Problem = L.T("التكلفة مبلغ بالدرهم.", "Le coût est un montant en MAD.");
            return BackHere();
        }
        var body = new { kind, on, costMad = cost, notes };
        var saved = supportAction is { } existing
            ? await TryAsync(() => Api.PutAsync<Unit>(Services.Catalog, $"/cooperatives/{id}/programme/support-actions/{existing}", body, Ct))
            : await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/cooperatives/{id}/programme/support-actions", body, Ct));
        if (saved) Done = L.T("سجل إجراء الدعم.", "Action d'appui enregistrée.");
        return BackHere();
    }
}
