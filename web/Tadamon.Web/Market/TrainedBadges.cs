using Tadamon.Web.Backend;

namespace Tadamon.Web.Market;

/// <summary>
/// The trained-members badges of the cooperatives on a page, in one call to catalog. A badge adorns a listing: when
/// catalog cannot answer, the listing shows without badges rather than failing.
/// </summary>
public sealed class TrainedBadges(Api api, ILogger<TrainedBadges> logger)
{
    public async Task<IReadOnlyDictionary<Guid, TrainedBadge>> ForAsync(IEnumerable<Guid> cooperativeIds, CancellationToken ct)
    {
        var ids = cooperativeIds.Distinct().Take(50).ToList();
        if (ids.Count == 0) return new Dictionary<Guid, TrainedBadge>();
        try
        {
            var badges = await api.GetAsync<TrainedBadge[]>(Services.Catalog, Query.Of("/cooperatives/trained", ids.Select(id => new KeyValuePair<string, string?>("ids", id.ToString()))), ct);
            return badges.Where(b => b.TrainedMembers > 0).ToDictionary(b => b.CooperativeId);
        }
        catch (Exception ex) when (ex is ApiProblem or HttpRequestException)
        {
            logger.LogWarning(ex, "Trained-members badges unavailable; the listing shows without them");
            return new Dictionary<Guid, TrainedBadge>();
        }
    }

    public async Task<TrainedBadge?> ForAsync(Guid cooperativeId, CancellationToken ct) =>
        (await ForAsync([cooperativeId], ct)).GetValueOrDefault(cooperativeId);
}
