using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Model;

/// <summary>Sends what the impact figures copy of a seller (<see cref="CooperativeProfileChanged"/>), whole, with a new version.</summary>
public static class CooperativeProfiles
{
    /// <summary>
    /// Adds the event to the outbox of the pending save. Reads the membership and support actions as this unit of work
    /// leaves them (rows added or edited but not yet saved included), so call it after the change, before saving.
    /// </summary>
    public static async Task AnnounceAsync(CatalogDbContext db, Cooperative cooperative, CancellationToken ct)
    {
        var membership = db.ProgrammeMemberships.Local.FirstOrDefault(m => m.CooperativeId == cooperative.Id)
            ?? await db.ProgrammeMemberships.FirstOrDefaultAsync(m => m.CooperativeId == cooperative.Id, ct);
        await db.SupportActions.Where(a => a.CooperativeId == cooperative.Id).LoadAsync(ct);
        var actions = db.SupportActions.Local.Where(a => a.CooperativeId == cooperative.Id)
            .Where(a => db.Entry(a).State != EntityState.Deleted)
            .OrderBy(a => a.On).ThenBy(a => a.Id)
            .Select(a => new SupportActionDate(a.Id, a.Kind.ToString(), a.On)).ToList();

        cooperative.ProfileVersion++;
        db.AddIntegrationEvent(new CooperativeProfileChanged(
            cooperative.Id, cooperative.ProfileVersion, cooperative.Region, cooperative.SellerType.ToString(),
            membership?.ValueChain ?? ValueChains.OfFamilies(cooperative.ProductFamilies),
            membership?.Programme, membership?.JoinedOn, membership is null ? [] : actions));
    }
}
