using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Messaging;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Courier;

/// <summary>
/// Tells the courier what shipping decided: book new parcels, say when a parcel is ready, cancel. Runs outside
/// message handling so a slow or absent courier never blocks the broker; a failed call is retried with backoff
/// until it succeeds. Rows are claimed with SKIP LOCKED so replicas never call for the same shipment at once.
/// Whatever one call throws (a refused connection, an HTML page where JSON was expected) stays with its shipment:
/// it is backed off and its error recorded, and the rest of the batch is committed.
/// </summary>
public sealed class CourierWorker(IServiceScopeFactory scopes, IOptions<CourierOptions> options, TimeProvider clock, ILogger<CourierWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Courier round failed; retrying");
            }
            try { await Task.Delay(options.Value.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDbContext>();
        var courier = scope.ServiceProvider.GetRequiredService<CourierClient>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Shipments
            // Only shipments that owe the courier a call have a next attempt (a partial index holds just those).
            .Where(s => s.NextCourierAttemptAt != null && s.NextCourierAttemptAt <= now)
            .OrderBy(s => s.NextCourierAttemptAt)
            .Take(20)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        foreach (var shipment in due) await CallCourierAsync(db, courier, shipment, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count(s => !s.NeedsCourier);
    }

    private async Task CallCourierAsync(ShippingDbContext db, CourierClient courier, Shipment shipment, CancellationToken ct)
    {
        try
        {
            if (shipment.Status == ShipmentStatus.Created && !shipment.CancelRequested)
            {
                var r = shipment.Recipient;
                var booked = await courier.BookAsync(new ParcelBooking(shipment.Id, shipment.TrackingNumber, shipment.CooperativeId,
                    r.Name, r.Phone, r.Region, r.City, r.Street, shipment.ItemCount, shipment.CashOnDeliveryMad), ct);
                foreach (var @event in shipment.Booked(booked.CourierReference, clock.GetUtcNow())) db.AddIntegrationEvent(@event);
            }
            if (shipment.CancelRequested && !shipment.CancelNotified && shipment.CourierReference is not null)
            {
                var answer = await courier.CancelAsync(shipment.Id, ct);
                foreach (var @event in shipment.CancelNotifiedToCourier(answer.PickedUp, clock.GetUtcNow())) db.AddIntegrationEvent(@event);
            }
            else if (shipment is { Status: ShipmentStatus.Booked, ReadyForPickup: true, ReadyNotified: false, CancelRequested: false })
            {
                shipment.TellingCourierReady();
                await courier.ReadyForPickupAsync(shipment.Id, ct);
                shipment.ReadyNotifiedToCourier(clock.GetUtcNow());
            }
        }
        // Any failure of one call (HTTP, timeout, open circuit, a body that is not the expected JSON) belongs to that
        // shipment alone; only stopping the service ends the round.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            shipment.CourierFailed(ex.Message, clock.GetUtcNow());
            logger.LogWarning("Courier call for shipment {ShipmentId} failed (attempt {Attempt}): {Error}",
                shipment.Id, shipment.CourierAttempts, ex.Message);
        }
    }
}
