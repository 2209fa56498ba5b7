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

    /// <summary>Puts held units back on sale. A cancel that arrives before its order leaves a tombstone.</summary>
    public async Task ReleaseAsync(Guid orderId, Guid cooperativeId, CancellationToken ct)
    {
        RequireTransaction();
        var reservation = await LockReservationAsync(orderId, ct);
        if (reservation is null)
        {
            db.StockReservations.Add(new StockReservation { OrderId = orderId, CooperativeId = cooperativeId, Status = ReservationStatus.Released });
            return;
        }
        if (reservation.Status != ReservationStatus.Held) return;
        await MoveAsync(reservation, toAvailable: true, fromReserved: true, ct);
        reservation.Status = ReservationStatus.Released;
    }

    /// <summary>Delivered: held units leave the books for good.</summary>
    public async Task CommitAsync(Guid orderId, CancellationToken ct)
    {
        RequireTransaction();
        var reservation = await LockReservationAsync(orderId, ct);
        if (reservation is not { Status: ReservationStatus.Held }) return;
        await MoveAsync(reservation, toAvailable: false, fromReserved: true, ct);
        reservation.Status = ReservationStatus.Committed;
    }

    /// <summary>The parcel came back: its units are on sale again, whether or not they had been committed.</summary>
    public async Task RestoreAsync(Guid orderId, CancellationToken ct)
    {
        RequireTransaction();
        var reservation = await LockReservationAsync(orderId, ct);
        if (reservation is null) return;
        if (reservation.Status is not (ReservationStatus.Held or ReservationStatus.Committed)) return;
        await MoveAsync(reservation, toAvailable: true, fromReserved: reservation.Status == ReservationStatus.Held, ct);
        reservation.Status = ReservationStatus.Restored;
    }

    /// <summary>The parcel left the cooperative: the reservation must not expire any more.</summary>
    public async Task PinAsync(Guid orderId, CancellationToken ct)
    {
        RequireTransaction();
        if (await LockReservationAsync(orderId, ct) is { Status: ReservationStatus.Held } reservation)
        {
            reservation.ExpiresAt = null;
            reservation.UpdatedAt = clock.GetUtcNow();
        }
    }

    /// <summary>Releases held reservations past their time; replicas share the work (SKIP LOCKED).</summary>
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
            .Include(r => r.Lines)
            .ToListAsync(ct);
        foreach (var reservation in due)
        {
            await MoveAsync(reservation, toAvailable: true, fromReserved: true, ct);
            reservation.Status = ReservationStatus.Released;
            db.AddIntegrationEvent(new StockReservationExpired(reservation.OrderId));
        }
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

    /// <summary>Moves a reservation's units with relative updates (no read-modify-write), in product id order.</summary>
    private async Task MoveAsync(StockReservation reservation, bool toAvailable, bool fromReserved, CancellationToken ct)
    {
        var backToSale = toAvailable ? 1 : 0;
        var outOfReserve = fromReserved ? 1 : 0;
        foreach (var line in reservation.Lines.OrderBy(l => l.ProductId))
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE products SET "StockAvailable" = "StockAvailable" + {line.Quantity * backToSale},
                                    "StockReserved" = "StockReserved" - {line.Quantity * outOfReserve},
                                    "UpdatedAt" = now()
                WHERE "Id" = {line.ProductId}
                """, ct);
        }
        reservation.UpdatedAt = clock.GetUtcNow();
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock moves need the caller's transaction: row locks last only as long as it does.");
    }
}
