using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Learn;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Association;

/// <summary>A partner association's manager: the centres the association runs, each opening the centre pages.</summary>
public sealed class AssociationSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public PartnerAssociation? Association { get; private set; }
    public IReadOnlyList<Backend.Centre> Centres { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var association = Api.FindAsync<PartnerAssociation>(Services.Courses, $"/associations/{User.ScopeOf()}", Ct);
        var centres = ManagedCentres.OfAssociationAsync(User, Api, Ct);
        (Association, Centres) = (await association, await centres);
    }
}
