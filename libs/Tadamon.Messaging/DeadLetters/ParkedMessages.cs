using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tadamon.Messaging.DeadLetters;

/// <summary>
/// Something a service parked in its own database (an outbox row, a stored webhook), shown to operators beside the
/// broker's dead letters and replayed through the same API and dashboard commands.
/// </summary>
public interface IParkedMessages
{
    Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken ct);
    /// <summary>Puts the item back in its worker's way; false when no such parked item exists here.</summary>
    Task<bool> ReplayAsync(string messageId, CancellationToken ct);
    Task<bool> DiscardAsync(string messageId, CancellationToken ct);
    Task<int> ReplayAllAsync(CancellationToken ct);
}

/// <summary>Outbox rows the dispatcher parked.</summary>
internal sealed class ParkedOutbox<TContext>(IServiceScopeFactory scopes, OutboxSignal signal) : IParkedMessages where TContext : DbContext
{
    public const string Queue = "outbox";

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await Parked(scope).OrderBy(m => m.ParkedAt).Take(max).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new DeadLetter(r.Id.ToString(), Queue, r.Type.Split(',')[0].Split('.')[^1], r.LastError,
            null, r.ParkedAt, null)).ToList();
    }

    public async Task<bool> ReplayAsync(string messageId, CancellationToken ct) =>
        Guid.TryParse(messageId, out var id) && await ReplayWhereAsync(id, ct) > 0;

    public async Task<int> ReplayAllAsync(CancellationToken ct) => await ReplayWhereAsync(null, ct);

    public async Task<bool> DiscardAsync(string messageId, CancellationToken ct)
    {
        if (!Guid.TryParse(messageId, out var id)) return false;
        await using var scope = scopes.CreateAsyncScope();
        return await Parked(scope).Where(m => m.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    private async Task<int> ReplayWhereAsync(Guid? id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var replayed = await Parked(scope).Where(m => id == null || m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ParkedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0), ct);
        if (replayed > 0) signal.Notify();
        return replayed;
    }

    private static IQueryable<OutboxMessage> Parked(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>().Where(m => m.ParkedAt != null && m.DispatchedAt == null);
}
