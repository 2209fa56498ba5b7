using Tadamon.Web.Backend;

namespace Tadamon.Web.Market;

/// <summary>Morocco's regions as catalog names them, read once: they change with a law, not with a deployment.</summary>
public sealed class ReferenceData(IServiceScopeFactory scopes)
{
    private IReadOnlyList<Region>? _regions;

    public async Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken ct = default)
    {
        if (_regions is { } known) return known;
        using var scope = scopes.CreateScope();
        return _regions = await scope.ServiceProvider.GetRequiredService<Api>().GetAsync<Region[]>(Services.Catalog, "/regions", ct);
    }

    public async Task<Region?> RegionAsync(string code, CancellationToken ct = default) =>
        (await RegionsAsync(ct)).FirstOrDefault(r => r.Code == code);
}
