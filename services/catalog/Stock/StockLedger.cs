using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Catalog;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Stock;

public sealed class StockOptions
{
    /// <summary>How long a confirmed order may hold stock before its parcel leaves.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromDays(3);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Every stock movement an order causes. Each method runs inside the caller's transaction (a consumer's
/// inbox transaction, or the sweeper's) and queues its events in the outbox there, so a movement and its
/// event exist together. Products are locked in id order, so two orders never deadlock or share a last unit.
/// </summary>
public sealed class StockLedger(CatalogDbContext db, TimeProvider clock, IOptions<StockOptions> options)
{
    /// <summary>Reserves every line or none. Returns false when the order was already decided (or cancelled first).</summary>
    public async Task<bool> ReserveAsync(OrderPlaced order, CancellationToken ct)
    {
        RequireTransaction();
        if (await LockReservationAsync(order.OrderId, ct) is not null) return false;

        var wanted = order.Lines.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        // Read before locking: the product locks are held until commit, so the window between them stays minimal.
        var cooperative = await db.Cooperatives.AsNoTracking().FirstOrDefaultAsync(c => c.Id == order.CooperativeId, ct);
        var products = await LockProductsAsync(wanted.Keys, ct);

        var refusal = Refusal(order.CooperativeId, cooperative, wanted, products);
        if (refusal is { } r)
        {
            db.StockReservations.Add(new StockReservation
            {
                OrderId = order.OrderId, CooperativeId = order.CooperativeId,
                Status = ReservationStatus.Rejected, RejectionReason = r.Reason,
            });
            db.AddIntegrationEvent(new StockReservationRejected(order.OrderId, r.Reason, r.ProductId));
            return true;
        }

        var now = clock.GetUtcNow();
        foreach (var product in products)
        {
            product.StockAvailable -= wanted[product.Id];
            product.StockReserved += wanted[product.Id];
            product.UpdatedAt = now;
        }
        db.StockReservations.Add(new StockReservation
        {
            OrderId = order.OrderId, CooperativeId = order.CooperativeId, Status = ReservationStatus.Held,
            ExpiresAt = now + options.Value.HoldFor,
            Lines = wanted.Select(w => new StockReservationLine { OrderId = order.OrderId, ProductId = w.Key, Quantity = w.Value }).ToList(),
        });
        db.AddIntegrationEvent(new StockReserved(order.OrderId, wanted.Select(w => new ReservedLine(w.Key, w.Value)).ToList()));
        return true;
    }

    /// <summary>
    /// An order was cancelled: its units go back on sale unless the courier may have the parcel (then they wait for
    /// its return or the courier's word that it never took it). A cancel that arrives before its order leaves a tombstone.
    /// </summary>
    public async Task CancelledAsync(OrderCancelled cancel, CancellationToken ct)
    {
        RequireTransaction();
        var reservation = await LockReservationAsync(cancel.OrderId, ct);
        if (reservation is null)
        {
            db.StockReservations.Add(new StockReservation { OrderId = cancel.OrderId, CooperativeId = cancel.CooperativeId, Status = ReservationStatus.Released });
            return;
        }
        await MoveAsync(reservation, reservation.Cancelled(cancel.AwaitsReturn, clock.GetUtcNow()), ct);
    }

    /// <summary>Delivered: held units leave the books for good.</summary>
    public Task CommitAsync(Guid orderId, CancellationToken ct) => ChangeAsync(orderId, (r, now) => r.Delivered(now), ct);

    /// <summary>The parcel came back: its units are on sale again, whether or not they had been committed.</summary>
    public Task RestoreAsync(Guid orderId, CancellationToken ct) => ChangeAsync(orderId, (r, now) => r.Returned(now), ct);

    /// <summary>Shipping's news about the parcel (see <see cref="StockReservation.ShipmentMoved"/>).</summary>
    public Task ShipmentMovedAsync(Guid orderId, string shipmentStatus, CancellationToken ct) =>
        ChangeAsync(orderId, (r, now) => r.ShipmentMoved(shipmentStatus, now), ct);

    /// <summary>
    /// Reports held reservations past their time to orders, which cancels the order if it may (and the units come
    /// back through that cancel). No product row is touched here, so a sweep cannot deadlock with reservations.
    /// Replicas share the work (SKIP LOCKED).
    /// </summary>
    public async Task<int> ExpireDueAsync(int batch, CancellationToken ct)
    {
        RequireTransaction();
        var now = clock.GetUtcNow();
        var due = await db.StockReservations
            .FromSql($"""
                SELECT * FROM stock_reservations
                WHERE "Status" = 'Held' AND "ExpiresAt" IS NOT NULL AND "ExpiresAt" < {now}
                ORDER BY "ExpiresAt" LIMIT {batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        foreach (var reservation in due.Where(r => r.Expire(now)))
            db.AddIntegrationEvent(new StockReservationExpired(reservation.OrderId));
        return due.Count;
    }

    private static (string Reason, Guid? ProductId)? Refusal(
        Guid cooperativeId, Cooperative? cooperative, Dictionary<Guid, int> wanted, List<Product> products)
    {
        if (cooperative is not { IsSelling: true }) return ("cooperative-not-selling", null);
        foreach (var (productId, quantity) in wanted)
        {
            var product = products.FirstOrDefault(p => p.Id == productId);
            if (product is null || product.Status != ProductStatus.Published || product.CooperativeId != cooperativeId)
                return ("product-unavailable", productId);
            if (quantity <= 0 || product.StockAvailable < quantity) return ("out-of-stock", productId);
        }
        return null;
    }

    /// <summary>Locks products in id order until the transaction ends; a batch locks all its products at once with it.</summary>
    public Task<List<Product>> LockProductsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var sorted = ids.Order().ToArray();
        return db.Products.Where(p => sorted.Contains(p.Id)).OrderBy(p => p.Id).ForUpdate().ToListAsync(ct);
    }

    private async Task<StockReservation?> LockReservationAsync(Guid orderId, CancellationToken ct)
    {
        // Locked alone, lines loaded after: FOR UPDATE cannot go with the outer join an Include would add.
        var reservation = await db.StockReservations.Where(r => r.OrderId == orderId).ForUpdate().FirstOrDefaultAsync(ct);
        if (reservation is not null) await db.Entry(reservation).Collection(r => r.Lines).LoadAsync(ct);
        return reservation;
    }

    private async Task ChangeAsync(Guid orderId, Func<StockReservation, DateTimeOffset, StockMove> change, CancellationToken ct)
    {
        RequireTransaction();
        if (await LockReservationAsync(orderId, ct) is { } reservation) await MoveAsync(reservation, change(reservation, clock.GetUtcNow()), ct);
    }

    /// <summary>Moves a reservation's units with relative updates (no read-modify-write), in product id order.</summary>
    private async Task MoveAsync(StockReservation reservation, StockMove move, CancellationToken ct)
    {
        var (toAvailable, fromReserved) = move switch
        {
            StockMove.ReservedToAvailable => (1, 1),
            StockMove.ReservedToSold => (0, 1),
            StockMove.SoldToAvailable => (1, 0),
            _ => (0, 0),
        };
        if (move == StockMove.None) return;
        foreach (var line in reservation.Lines.OrderBy(l => l.ProductId))
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE products SET "StockAvailable" = "StockAvailable" + {line.Quantity * toAvailable},
                                    "StockReserved" = "StockReserved" - {line.Quantity * fromReserved},
                                    "UpdatedAt" = now()
                WHERE "Id" = {line.ProductId}
                """, ct);
        }
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock moves need the caller's transaction: row locks last only as long as it does.");
    }
}
