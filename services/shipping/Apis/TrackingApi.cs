using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Shipping.Infrastructure;

namespace Tadamon.Shipping.Apis;

public static class TrackingApi
{
    public static RouteGroupBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var tracking = app.MapGroup("/tracking").WithTags("Tracking");
        tracking.MapGet("/{trackingNumber}", Track).WithName("TrackShipment").WithSummary("Where a parcel is, by tracking number");
        return tracking;
    }

    public sealed record TrackingResponse(string TrackingNumber, string Status, DateTimeOffset CreatedAt);

    private static async Task<Results<Ok<TrackingResponse>, NotFound>> Track(string trackingNumber, ShippingDbContext db, CancellationToken ct) =>
        await db.Shipments.AsNoTracking().FirstOrDefaultAsync(s => s.TrackingNumber == trackingNumber, ct) is { } s
            ? TypedResults.Ok(new TrackingResponse(s.TrackingNumber, s.Status.ToString(), s.CreatedAt))
            : TypedResults.NotFound();
}
