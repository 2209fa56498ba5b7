using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Apis;

/// <summary>Operators watch parcels: which are stuck waiting for the courier, which failed, which came back.</summary>
public static class ShipmentsApi
{

    public static RouteGroupBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var shipments = app.MapGroup("/shipments").WithTags("Shipments");
        shipments.MapGet("/", List).WithName("ListShipments").For(Roles.Operator)
            .WithSummary("Shipments for operators, newest first, by status; shows courier errors and retry times");
        return shipments;
    }

    public sealed record ShipmentSummary(
        Guid Id, Guid OrderId, Guid CooperativeId, string TrackingNumber, string Status, decimal CashOnDeliveryMad,
        decimal? CashCollectedMad, int CourierAttempts, string? LastCourierError, DateTimeOffset NextCourierAttemptAt, DateTimeOffset UpdatedAt);


    private static async Task<Results<Ok<Page<ShipmentSummary>>, ProblemHttpResult>> List(
        ShipmentStatus? status, int? page, int? pageSize, ShippingDbContext db, CallerAccessor callers, HttpContext http, CancellationToken ct)
    {
        if (!callers.Current.IsInRole(Roles.Operator)) return Problems.Forbidden(http);
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = db.Shipments.AsNoTracking();
        if (status is { } s) query = query.Where(x => x.Status == s);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(x => x.CreatedAt).ThenBy(x => x.Id).Skip((number - 1) * size).Take(size)
            .Select(x => new ShipmentSummary(x.Id, x.OrderId, x.CooperativeId, x.TrackingNumber, x.Status.ToString(), x.CashOnDeliveryMad,
                x.CashCollectedMad, x.CourierAttempts, x.LastCourierError, x.NextCourierAttemptAt, x.UpdatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<ShipmentSummary>(items, number, size, total));
    }
}
