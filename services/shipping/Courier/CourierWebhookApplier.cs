using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Courier;

/// <summary>
/// Applies the courier's stored webhooks in batches: one transaction claims up to a batch of them
/// (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work), locks the shipments they name in id order, applies
/// each shipment's news in the order it happened (<see cref="Shipment.ApplyCourierNews"/>), and commits the moves
/// with their events once. When a batch fails, its
/// webhooks are applied one by one, and one that keeps failing (or names no shipment) is parked for an operator.
/// </summary>
public sealed class CourierWebhookApplier(
    IServiceScopeFactory scopes, TimeProvider clock, ILogger<CourierWebhookApplier> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>A webhook was stored: apply it now rather than at the next poll.</summary>
    public void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { } // wake-ups collapse: one round takes them all
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ApplyPendingAsync(stoppingToken) == BatchSize) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Applying courier webhooks failed; retrying in {Interval}", PollInterval);
            }
            try { await _wake.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Applies one batch of stored webhooks; returns how many were taken.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDbContext>();
        try
        {
            return await ApplyAsync(db, only: null, ct);
        }
        catch (Exception ex) when (!TransientFailures.IsTransient(ex) && !ct.IsCancellationRequested)
        {
            logger.LogInformation(ex, "A batch of courier webhooks failed; applying them one by one");
        }

        db.ChangeTracker.Clear();
        var pending = await Pending(db).OrderBy(w => w.ReceivedAt).Take(BatchSize).Select(w => w.WebhookId).ToListAsync(ct);
        foreach (var webhookId in pending)
        {
            try
            {
                await ApplyAsync(db, webhookId, ct);
            }
            catch (Exception ex) when (!TransientFailures.IsTransient(ex) && !ct.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                var webhook = await db.CourierWebhooks.FirstAsync(w => w.WebhookId == webhookId, ct);
                webhook.Failed(ex.Message, MaxAttempts, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                logger.LogWarning(ex, "Courier webhook {WebhookId} could not be applied (attempt {Attempt}{Parked})",
                    webhookId, webhook.Attempts, webhook.ParkedAt is null ? "" : ", parked");
            }
        }
        return pending.Count;
    }

    internal static IQueryable<CourierWebhook> Pending(ShippingDbContext db) =>
        db.CourierWebhooks.Where(w => w.AppliedAt == null && w.ParkedAt == null);

    private async Task<int> ApplyAsync(ShippingDbContext db, string? only, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var webhooks = await Pending(db).Where(w => only == null || w.WebhookId == only)
            .OrderBy(w => w.ReceivedAt).Take(BatchSize)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        if (webhooks.Count == 0) return 0;

        var shipmentIds = webhooks.Select(w => w.ShipmentId).Distinct().Order().ToList();
        // Locked in id order: two replicas' batches never deadlock on the same parcels.
        var shipments = await db.Shipments.Where(s => shipmentIds.Contains(s.Id)).OrderBy(s => s.Id)
            .ForUpdate().ToDictionaryAsync(s => s.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var webhook in webhooks.OrderBy(w => w.ShipmentId).ThenBy(w => w.OccurredAt).ThenBy(w => w.ReceivedAt))
        {
            if (!shipments.TryGetValue(webhook.ShipmentId, out var shipment))
            {
                logger.LogWarning("Courier webhook {WebhookId} names unknown shipment {ShipmentId}; parked", webhook.WebhookId, webhook.ShipmentId);
                webhook.Failed($"Unknown shipment {webhook.ShipmentId}.", maxAttempts: 1, now);
                continue;
            }
            Apply(db, shipment, webhook, now);
            webhook.AppliedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return webhooks.Count;
    }

    /// <summary>The shipment decides what moves, what is announced and what becomes an anomaly for operators.</summary>
    private static void Apply(ShippingDbContext db, Shipment shipment, CourierWebhook webhook, DateTimeOffset now)
    {
        foreach (var @event in shipment.ApplyCourierNews(webhook.Status, webhook.AmountMad, webhook.OccurredAt, now))
            db.AddIntegrationEvent(@event);
    }
}

/// <summary>Parked courier webhooks, listed and replayed with the service's dead letters.</summary>
internal sealed class ParkedCourierWebhooks(IServiceScopeFactory scopes, CourierWebhookApplier applier) : IParkedMessages
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await Parked(scope).OrderBy(w => w.ParkedAt).Take(max).AsNoTracking().ToListAsync(ct);
        return rows.Select(w => new DeadLetter(w.WebhookId, "courier-webhooks", $"CourierWebhook:{w.Status}", w.LastError, null, w.ParkedAt, null)).ToList();
    }

    public async Task<bool> ReplayAsync(string messageId, CancellationToken ct) => await ReplayWhereAsync(messageId, ct) > 0;

    public Task<int> ReplayAllAsync(CancellationToken ct) => ReplayWhereAsync(null, ct);

    public async Task<bool> DiscardAsync(string messageId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Parked(scope).Where(w => w.WebhookId == messageId).ExecuteDeleteAsync(ct) > 0;
    }

    private async Task<int> ReplayWhereAsync(string? webhookId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var replayed = await Parked(scope).Where(w => webhookId == null || w.WebhookId == webhookId)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.ParkedAt, (DateTimeOffset?)null).SetProperty(w => w.Attempts, 0), ct);
        if (replayed > 0) applier.Wake();
        return replayed;
    }

    private static IQueryable<CourierWebhook> Parked(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<ShippingDbContext>().CourierWebhooks.Where(w => w.ParkedAt != null && w.AppliedAt == null);
}
