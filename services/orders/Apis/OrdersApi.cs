using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Apis;

/// <summary>Following and moving orders by hand: buyers cancel, cooperatives prepare, operators oversee.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/").WithTags("Orders");
        orders.MapGet("/", List).WithName("ListOrders").For(Roles.Buyer, Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Orders the caller may see (buyer: own; cooperative manager: their cooperative's; operator: all), newest first, paged");
        orders.MapGet("/{id:guid}", Get).WithName("GetOrder").For(Roles.Buyer, Roles.CooperativeManager, Roles.Operator).WithSummary("One order");
        orders.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelOrder").For(Roles.Buyer, Roles.Operator)
            .WithSummary("Cancel: the buyer before pickup, an operator any time before delivery");
        orders.MapPost("/{id:guid}/ready", MarkReady).WithName("MarkOrderReady").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("The cooperative packed the parcel; the courier may pick it up");
        return orders;
    }

    public sealed record CancelRequest([StringLength(500)] string? Reason);

    private static async Task<Results<Ok<Page<OrderResponse>>, ProblemHttpResult>> List(
        [AsParameters] OrdersServices services, OrderStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (!services.Caller.IsAuthenticated) return Problems.Unauthorized(services.Http);
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = services.VisibleOrders().AsNoTracking();
        if (status is { } s) query = query.Where(o => o.Status == s);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<OrderResponse>(items.Select(OrderResponse.From).ToList(), number, size, total));
    }

    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> Get(Guid id, [AsParameters] OrdersServices services, CancellationToken ct)
    {
        if (!services.Caller.IsAuthenticated) return Problems.Unauthorized(services.Http);
        // Someone else's order answers exactly like a missing one.
        return await services.VisibleOrders().AsNoTracking().Include(o => o.History).FirstOrDefaultAsync(o => o.Id == id, ct) is { } order
            ? TypedResults.Ok(OrderResponse.WithHistory(order))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> Cancel(
        Guid id, CancelRequest? request, [AsParameters] OrdersServices services, CancellationToken ct)
    {
        var caller = services.Caller;
        if (!caller.IsAuthenticated) return Problems.Unauthorized(services.Http);
        var order = await services.VisibleOrders().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return TypedResults.NotFound();
        var byOperator = caller.IsInRole(Roles.Operator);
        if (!byOperator && !(caller.IsInRole(Roles.Buyer) && order.BuyerId == caller.UserId)) return Problems.Forbidden(services.Http);

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? (byOperator ? "cancelled-by-operator" : "cancelled-by-buyer") : request.Reason.Trim();
        return await ChangeAsync(services, order, o => o.Cancel(reason, byOperator, services.Clock.GetUtcNow()),
            o => new OrderCancelled(o.Id, o.CooperativeId, reason, caller.Role ?? "unknown", o.AwaitsReturn), ct);
    }

    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> MarkReady(
        Guid id, [AsParameters] OrdersServices services, CancellationToken ct)
    {
        var caller = services.Caller;
        if (!caller.IsAuthenticated) return Problems.Unauthorized(services.Http);
        var order = await services.VisibleOrders().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return TypedResults.NotFound();
        if (!(caller.IsInRole(Roles.Operator) || caller.Manages(Roles.CooperativeManager, order.CooperativeId)))
            return Problems.Forbidden(services.Http);

        return await ChangeAsync(services, order, o => o.MarkReadyForPickup(services.Clock.GetUtcNow()),
            o => new OrderReadyForPickup(o.Id, o.CooperativeId), ct);
    }

    /// <summary>
    /// Applies a lifecycle step and its event (made after the step, which may shape it) in one save; a step the
    /// lifecycle forbids is a 409. When a consumer moved the order between our read and our save (the courier's
    /// news, a confirmation), the step is tried again on the fresh order rather than handed back to the person.
    /// </summary>
    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> ChangeAsync(
        OrdersServices services, Order order, Action<Order> step, Func<Order, Contracts.IntegrationEvent> @event, CancellationToken ct)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                step(order);
            }
            catch (IllegalTransitionException ex)
            {
                return Problems.Conflict(services.Http,
                    $"Une commande à l'état {ex.From} ne peut pas être {FrenchAction(ex.Action)}.",
                    $"لا يمكن تنفيذ هذا الإجراء على طلب في حالة {ex.From}.", "illegal-transition");
            }
            services.Db.AddIntegrationEvent(@event(order));
            try
            {
                await services.Db.SaveChangesAsync(ct);
                return TypedResults.Ok(OrderResponse.From(order));
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                services.Db.ChangeTracker.Clear();
                order = await services.Db.Orders.FirstAsync(o => o.Id == order.Id, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.Conflict(services.Http, "La commande a changé entre-temps ; réessayez.", "تغير الطلب في هذه الأثناء؛ أعد المحاولة.", "concurrent-change");
            }
        }
    }

    private static string FrenchAction(string action) => action switch
    {
        "cancelled" => "annulée",
        "marked ready for pickup" => "marquée prête pour l'enlèvement",
        _ => action,
    };
}
