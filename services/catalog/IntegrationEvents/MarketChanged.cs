using MassTransit;
using Microsoft.AspNetCore.OutputCaching;
using Tadamon.Catalog.Apis;
using Tadamon.Messaging;

namespace Tadamon.Catalog.IntegrationEvents;

/// <summary>
/// Catalog's own signal, never seen by other services: what buyers see changed, so every replica drops its cached
/// market answers (each keeps its own output cache in memory).
/// </summary>
public sealed record MarketChanged(Guid Id, DateTimeOffset At);

/// <summary>Runs in every replica, from its own queue (see <see cref="IConsumedByEveryReplica"/>); evicting twice is harmless.</summary>
public sealed class MarketChangedConsumer(IOutputCacheStore cache) : IConsumedByEveryReplica, IConsumer<MarketChanged>
{
    public Task Consume(ConsumeContext<MarketChanged> context) => MarketCache.EvictAsync(cache, context.CancellationToken).AsTask();
}
