using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

public sealed record AssociationFields(string Prefix, PartnerAssociation? Association);

/// <summary>What the register and edit forms post; the service checks it.</summary>
public sealed record AssociationForm(string NameAr, string NameFr, string RegistrationNumber, string ContactName, string Phone, string? Email)
{
    public object ToRequest() => new { NameAr, NameFr, RegistrationNumber, ContactName, Phone, email = string.IsNullOrWhiteSpace(Email) ? null : Email };
}

/// <summary>Partner associations: register one, and give each centre to the association that runs it (or take it back).</summary>
public sealed class AssociationsModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Page<PartnerAssociation> Associations { get; private set; } = new([], 1, Paging.MaxPageSize, 0);
    public Page<Backend.Centre> Centres { get; private set; } = new([], 1, Paging.MaxPageSize, 0);

    public string NameOf(Guid? association) => Associations.Items.FirstOrDefault(a => a.Id == association) is { } a
        ? L.T(a.NameAr, a.NameFr) : L.T("المندوبية مباشرة", "La délégation directement");

    public async Task OnGetAsync(int? page, int? centresPage)
    {
        var size = (AskedPageSize is null ? Paging.MaxPageSize : ListSize).ToString(CultureInfo.InvariantCulture);
        var associations = Api.GetAsync<Page<PartnerAssociation>>(Services.Courses,
            Query.Of("/associations", [new("page", ListPage(page).ToString(CultureInfo.InvariantCulture)), new("pageSize", size)]), Ct);
        var centres = Api.GetAsync<Page<Backend.Centre>>(Services.Courses,
            Query.Of("/centres", [new("page", ListPage(centresPage).ToString(CultureInfo.InvariantCulture)), new("pageSize", size)]), Ct);
        (Associations, Centres) = (await associations, await centres);
    }

    public async Task<IActionResult> OnPostCreateAsync(AssociationForm form)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, "/associations", form.ToRequest(), Ct)))
            Done = L.T($"سجلت الجمعية {form.NameAr}.", $"Association {form.NameFr} enregistrée.");
        return BackHere();
    }

    public async Task<IActionResult> OnPostEditAsync(Guid association, AssociationForm form)
    {
        if (await TryAsync(() => Api.PutAsync<Unit>(Services.Courses, $"/associations/{association}", form.ToRequest(), Ct)))
            Done = L.T($"عدلت معلومات الجمعية {form.NameAr}.", $"Association {form.NameFr} modifiée.");
        return BackHere();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid centre, Guid? association)
    {
        if (await TryAsync(() => Api.PutAsync<Unit>(Services.Courses, $"/centres/{centre}/association", new { associationId = association }, Ct)))
            Done = association is null
                ? L.T("استرجعت المندوبية تسيير المركز.", "Le centre revient à la délégation.")
                : L.T("أسند المركز إلى الجمعية.", "Centre confié à l'association.");
        return BackHere();
    }
}
