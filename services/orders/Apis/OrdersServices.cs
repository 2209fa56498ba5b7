using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Apis;

/// <summary>What orders' handlers need, bound in one parameter.</summary>
// Services, not input: the request validator must not walk into the DbContext.
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record OrdersServices(OrdersDbContext Db, CallerAccessor Callers, TimeProvider Clock, HttpContext Http)
{
    public Caller Caller => Callers.Current;

    /// <summary>Buyers see their own orders, managers their cooperative's, operators all.</summary>
    public IQueryable<Order> VisibleOrders()
    {
        var caller = Caller;
        var orders = Db.Orders.AsQueryable();
        if (caller.IsInRole(Roles.Operator)) return orders;
        if (caller.IsInRole(Roles.CooperativeManager) && caller.ScopeId is { } cooperativeId)
            return orders.Where(o => o.CooperativeId == cooperativeId);
        if (caller.IsInRole(Roles.Buyer) && caller.UserId is { } buyerId) return orders.Where(o => o.BuyerId == buyerId);
        return orders.Where(_ => false);
    }
}

public sealed record OrderLineResponse(Guid ProductId, string NameAr, string NameFr, string Unit, int Quantity, decimal UnitPriceMad, decimal LineTotalMad);

/// <summary>
/// An order as its buyer, its cooperative and operators see it. <c>History</c> (what happened and when) comes
/// with a single order; lists leave it out (null).
/// </summary>
public sealed record OrderResponse(
    Guid Id, Guid PurchaseId, Guid CooperativeId, string BuyerId, string Status, string? StatusReason,
    IReadOnlyList<OrderLineResponse> Lines, decimal TotalMad, DeliveryAddress Recipient, Guid? ShipmentId, string? TrackingNumber,
    bool IsPaid, decimal? CashCollectedMad, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt, IReadOnlyList<OrderHistoryResponse>? History)
{
    public static OrderResponse From(Order o) => new(
        o.Id, o.PurchaseId, o.CooperativeId, o.BuyerId, o.Status.ToString(), o.StatusReason,
        o.Lines.Select(l => new OrderLineResponse(l.ProductId, l.NameAr, l.NameFr, l.Unit, l.Quantity, l.UnitPriceMad, l.LineTotalMad)).ToList(),
        o.TotalMad, o.Recipient, o.ShipmentId, o.TrackingNumber, o.IsPaid, o.CashCollectedMad, o.PlacedAt, o.UpdatedAt, null);

    public static OrderResponse WithHistory(Order o) => From(o) with
    {
        History = o.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new OrderHistoryResponse(h.Event, h.At, h.Note)).ToList(),
    };
}

public sealed record OrderHistoryResponse(string Event, DateTimeOffset At, string? Note);

