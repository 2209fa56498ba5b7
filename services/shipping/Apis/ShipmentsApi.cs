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
        shipments.MapGet("/anomalies", Anomalies).WithName("ListShipmentAnomalies").For(Roles.Operator)
            .WithSummary("Courier news that contradicts what shipping knows (cash for a parcel not delivered, a delivery after a cancel), newest first");
        return shipments;
    }

    public sealed record ShipmentSummary(
        Guid Id, Guid OrderId, Guid CooperativeId, string TrackingNumber, string Status, decimal CashOnDeliveryMad,
        decimal? CashCollectedMad, int CourierAttempts, string? LastCourierError, DateTimeOffset? NextCourierAttemptAt, DateTimeOffset UpdatedAt);

    public sealed record AnomalySummary(
        long Id, Guid ShipmentId, Guid OrderId, string TrackingNumber, string Kind, string Detail, decimal? AmountMad,
        string ShipmentStatus, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);

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

    private static async Task<Results<Ok<Page<AnomalySummary>>, ProblemHttpResult>> Anomalies(
        string? kind, int? page, int? pageSize, ShippingDbContext db, CallerAccessor callers, HttpContext http, CancellationToken ct)
    {
        if (!callers.Current.IsInRole(Roles.Operator)) return Problems.Forbidden(http);
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = db.Anomalies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind)) query = query.Where(a => a.Kind == kind);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.RecordedAt).ThenByDescending(a => a.Id).Skip((number - 1) * size).Take(size)
            .Select(a => new AnomalySummary(a.Id, a.ShipmentId, a.OrderId, a.TrackingNumber, a.Kind, a.Detail, a.AmountMad,
                a.ShipmentStatus.ToString(), a.OccurredAt, a.RecordedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<AnomalySummary>(items, number, size, total));
    }
}
