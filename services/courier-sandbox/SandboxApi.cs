using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Tadamon.CourierSandbox;

/// <summary>The courier's booking API (what shipping calls) and the sandbox's control panel (what developers and tests call).</summary>
public static class SandboxApi
{
    public sealed record Booked(string CourierReference);

    /// <summary>Many parcels in one call, as real courier APIs take a day's parcels (shipping sends up to <see cref="MaxParcelsPerBooking"/>).</summary>
    public sealed record ParcelsToBook(IReadOnlyList<BookingRequest>? Parcels);

    /// <summary>One line per parcel asked for, in the same order: its reference, or why that parcel alone was refused.</summary>
    public sealed record BookingLine(Guid ShipmentId, string? CourierReference, string? Error);

    public sealed record ParcelsBooked(IReadOnlyList<BookingLine> Results);

    public const int MaxParcelsPerBooking = 100;

    /// <summary>The answer to a cancel: a parcel not picked up yet is dropped; one already picked up is brought back.</summary>
    public sealed record CancelAnswer(bool PickedUp);

    /// <summary>What one manual step reported (empty when the parcel is not ready yet, or its route is finished).</summary>
    public sealed record Advanced(string TrackingNumber, IReadOnlyList<string> Reported, string? LastStatus, bool Finished);

    public sealed record ParcelView(Guid ShipmentId, string TrackingNumber, string CourierReference, bool Ready, bool Cancelled, string? LastStatus, string[] Route);

    public static WebApplication MapSandboxApi(this WebApplication app)
    {
        var parcels = app.MapGroup("/parcels").WithTags("Courier API")
            // A courier outage on request: shipping must keep its bookings and retry them once the courier is back.
            .AddEndpointFilter(async (context, next) => context.HttpContext.RequestServices.GetRequiredService<ParcelStore>().Faults.Unreachable
                ? (object?)Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                : await next(context));
        parcels.MapPost("/", Book).WithName("BookParcel").WithSummary("Book a parcel; Idempotency-Key (the shipment id) makes a retry return the same booking");
        parcels.MapPost("/batch", BookMany).WithName("BookParcels")
            .WithSummary($"Book up to {MaxParcelsPerBooking} parcels at once; each is booked once per shipment id and answered on its own line");
        parcels.MapPost("/{shipmentId:guid}/ready", (Guid shipmentId, ParcelStore store) => Flag(store, shipmentId, p => p.Ready = true))
            .WithName("ParcelReady").WithSummary("The sender has packed the parcel: pick it up");
        parcels.MapPost("/{shipmentId:guid}/cancel", Cancel)
            .WithName("CancelParcel").WithSummary("Do not deliver: not picked up yet, it is dropped; else it is brought back");
        parcels.MapGet("/", (ParcelStore store) => TypedResults.Ok(store.All.Select(View).ToList()))
            .WithName("ListParcels").WithSummary("Every parcel the sandbox carries");

        var control = app.MapGroup("/control").WithTags("Sandbox control");
        control.MapGet("/faults", (ParcelStore store) => TypedResults.Ok(store.Faults)).WithName("GetFaults").WithSummary("The misbehaviour currently asked for");
        control.MapPut("/faults", (Faults faults, ParcelStore store) => { store.SetFaults(faults); return TypedResults.Ok(store.Faults); })
            .WithName("SetFaults").WithSummary("Ask for duplicates, out-of-order events, failed deliveries, bad signatures");
        control.MapPost("/faults/{fault}", (string fault, ParcelStore store) =>
                store.Toggle(fault) ? Results.Ok(store.Faults) : Results.NotFound())
            .WithName("ToggleFault")
            .WithSummary("One change at a time (dashboard buttons): duplicates, out-of-order, unreachable (on/off), fail-next-delivery, bad-signature (+1), reset");
        control.MapPost("/parcels/{trackingNumber}/fail-delivery", FailDelivery).WithName("FailDelivery")
            .WithSummary("This parcel will fail at the door and come back (if it is not at the door yet)");
        control.MapPost("/parcels/{trackingNumber}/advance", Advance).WithName("AdvanceParcel")
            .WithSummary("Move this parcel one step now and send its webhook (the way to play the courier in manual mode)");
        control.MapPost("/tick", (ParcelClock clock) => { clock.Tick(); return TypedResults.NoContent(); })
            .WithName("Tick").WithSummary("Move every ready parcel one step now, without waiting for the clock");
        return app;
    }

    private static Results<Ok<Booked>, ValidationProblem> Book(
        BookingRequest booking, [FromHeader(Name = "Idempotency-Key")] string? key, ParcelStore store, HttpContext http)
    {
        if (key != booking.ShipmentId.ToString())
            return Problems.Invalid(http, "Idempotency-Key", "La clé d'idempotence doit être l'identifiant de l'envoi.", "يجب أن يكون مفتاح عدم التكرار معرف الشحنة.");
        return TypedResults.Ok(new Booked(store.Book(booking).CourierReference));
    }

    private static Results<Ok<ParcelsBooked>, ValidationProblem> BookMany(ParcelsToBook request, ParcelStore store, HttpContext http)
    {
        if (request.Parcels is not { Count: > 0 and <= MaxParcelsPerBooking } parcels)
            return Problems.Invalid(http, "parcels", $"Entre 1 et {MaxParcelsPerBooking} colis par appel.", $"من 1 إلى {MaxParcelsPerBooking} طردا في كل طلب.");
        if (parcels.DistinctBy(p => p.ShipmentId).Count() != parcels.Count)
            return Problems.Invalid(http, "parcels", "Un envoi figure deux fois dans l'appel.", "شحنة مكررة في الطلب نفسه.");
        // A parcel the courier cannot take (no phone to call, no city) is refused on its line; the others are booked.
        var lines = parcels.Select(p => string.IsNullOrWhiteSpace(p.RecipientPhone) || string.IsNullOrWhiteSpace(p.City)
                ? new BookingLine(p.ShipmentId, null, "Téléphone ou ville du destinataire manquant")
                : new BookingLine(p.ShipmentId, store.Book(p).CourierReference, null))
            .ToList();
        return TypedResults.Ok(new ParcelsBooked(lines));
    }

    private static Results<NoContent, NotFound, Conflict> FailDelivery(string trackingNumber, ParcelStore store)
    {
        if (store.FindByTracking(trackingNumber) is not { } parcel) return TypedResults.NotFound();
        lock (parcel.Gate)
        {
            // Too late once the parcel reached the step where the routes part (delivered vs failed).
            var atTheDoor = Array.IndexOf(parcel.Route, "delivered");
            if (atTheDoor >= 0 && parcel.NextStep > atTheDoor) return TypedResults.Conflict();
            parcel.Route = Parcel.FailedAndReturned;
        }
        return TypedResults.NoContent();
    }

    private static Results<Ok<CancelAnswer>, NotFound> Cancel(Guid shipmentId, ParcelStore store)
    {
        if (store.Find(shipmentId) is not { } parcel) return TypedResults.NotFound();
        lock (parcel.Gate)
        {
            parcel.Cancelled = true;
            return TypedResults.Ok(new CancelAnswer(PickedUp: parcel.NextStep > 0));
        }
    }

    private static Results<Ok<Advanced>, NotFound> Advance(string trackingNumber, ParcelStore store, ParcelClock clock)
    {
        if (store.FindByTracking(trackingNumber) is not { } parcel) return TypedResults.NotFound();
        var reported = clock.Step(parcel);
        var view = View(parcel);
        return TypedResults.Ok(new Advanced(trackingNumber, reported, view.LastStatus, parcel.Finished));
    }

    private static Results<NoContent, NotFound> Flag(ParcelStore store, Guid shipmentId, Action<Parcel> change)
    {
        if (store.Find(shipmentId) is not { } parcel) return TypedResults.NotFound();
        lock (parcel.Gate) change(parcel);
        return TypedResults.NoContent();
    }

    private static ParcelView View(Parcel p) => new(p.Booking.ShipmentId, p.Booking.TrackingNumber, p.CourierReference, p.Ready, p.Cancelled,
        p.NextStep > 0 ? p.Route[Math.Min(p.NextStep, p.Route.Length) - 1] : null, p.Route);
}
