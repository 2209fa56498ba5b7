using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Shipping.Infrastructure;

namespace Tadamon.Shipping.Apis;

/// <summary>Public tracking by tracking number: where the parcel is and what happened to it, without personal data.</summary>
public static class TrackingApi
{
    public static RouteGroupBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var tracking = app.MapGroup("/tracking").WithTags("Tracking");
        tracking.MapGet("/{trackingNumber}", Track).WithName("TrackShipment").Public()
            .WithSummary("Where a parcel is, by tracking number, with its timeline");
        return tracking;
    }

    /// <summary><c>Status</c> is a parcel status, or <c>CashCollected</c> for the cash line (amount in the note).</summary>
    public sealed record TimelineEntry(string Status, DateTimeOffset OccurredAt, bool Applied, string? Note);

    public sealed record TrackingResponse(
        string TrackingNumber, string Status, string City, decimal CashOnDeliveryMad, bool CashCollected,
        DateTimeOffset CreatedAt, IReadOnlyList<TimelineEntry> Timeline);

    private static async Task<Results<Ok<TrackingResponse>, NotFound>> Track(string trackingNumber, ShippingDbContext db, CancellationToken ct)
    {
        var shipment = await db.Shipments.AsNoTracking().Include(s => s.Timeline)
            .FirstOrDefaultAsync(s => s.TrackingNumber == trackingNumber, ct);
        if (shipment is null) return TypedResults.NotFound();
        var timeline = shipment.Timeline.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEntry(e.Label, e.OccurredAt, e.Applied, e.Note)).ToList();
        return TypedResults.Ok(new TrackingResponse(shipment.TrackingNumber, shipment.Status.ToString(), shipment.Recipient.City,
            shipment.CashOnDeliveryMad, shipment.CashCollectedMad is not null, shipment.CreatedAt, timeline));
    }
}
