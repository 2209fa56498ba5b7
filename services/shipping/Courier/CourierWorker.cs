using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Contracts;
using Tadamon.Messaging;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Courier;

/// <summary>
/// Tells the courier what shipping decided: book new parcels, say when a parcel is ready, cancel. Runs outside
/// message handling so a slow or absent courier never blocks the broker; a failed call is retried with backoff
/// until it succeeds. A round has three steps, and no row lock is held across a call to the courier:
/// <list type="number">
/// <item>claim: one short transaction takes the due shipments (SKIP LOCKED, so replicas share the work) and puts
/// each out of every round's reach for <see cref="CourierOptions.ClaimLease"/>;</item>
/// <item>call: new parcels are booked in multi-parcel calls, ready and cancel calls go one parcel at a time;</item>
/// <item>apply: a second short transaction records each answer on its shipment.</item>
/// </list>
/// Every call is idempotent at the courier (keyed by shipment id), so a call repeated after a crash or an expired
/// claim changes nothing there. Whatever one call throws (a refused connection, an HTML page where JSON was
/// expected) stays with its shipment: it is backed off and its error recorded.
/// </summary>
public sealed class CourierWorker(IServiceScopeFactory scopes, IOptions<CourierOptions> options, TimeProvider clock, ILogger<CourierWorker> logger)
    : BackgroundService
{
    private const int ConcurrentCalls = 4;

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

    /// <summary>One round; the number of calls the courier answered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDbContext>();
        var courier = scope.ServiceProvider.GetRequiredService<CourierClient>();

        var calls = await ClaimAsync(db, ct);
        if (calls.Count == 0) return 0;
        var answers = new Dictionary<Guid, Outcome>();
        await BookAsync(courier, calls.Where(c => c.Call == CourierCall.Book).Select(c => c.Shipment).ToList(), answers, ct);
        await Parallel.ForEachAsync(calls.Where(c => c.Call is CourierCall.Ready or CourierCall.Cancel),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentCalls, CancellationToken = ct },
            async (claimed, token) =>
            {
                var answer = await CallOneAsync(courier, claimed, token);
                lock (answers) answers[claimed.Shipment.Id] = answer;
            });
        await ApplyAsync(db, answers, ct);
        return answers.Values.Count(a => a.Succeeded);
    }

    private sealed record ClaimedCall(CourierCall Call, Shipment Shipment);

    private async Task<List<ClaimedCall>> ClaimAsync(ShippingDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Shipments
            // Only shipments that owe the courier a call have a next attempt (a partial index holds just those).
            .Where(s => s.NextCourierAttemptAt != null && s.NextCourierAttemptAt <= now)
            .OrderBy(s => s.NextCourierAttemptAt)
            .Take(options.Value.BookingBatchSize)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        var calls = due.Select(s => new ClaimedCall(s.ClaimCourierCall(now, options.Value.ClaimLease), s))
            .Where(c => c.Call != CourierCall.None).ToList();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return calls;
    }

    /// <summary>
    /// New parcels in multi-parcel calls. A call the courier cannot take at all (down, overloaded) fails every parcel
    /// in it; an answer that makes no sense (a proxy's HTML page) is retried one parcel at a time, so one parcel the
    /// courier chokes on is backed off alone.
    /// </summary>
    private async Task BookAsync(CourierClient courier, List<Shipment> shipments, Dictionary<Guid, Outcome> answers, CancellationToken ct)
    {
        foreach (var chunk in shipments.Chunk(options.Value.BookingBatchSize))
        {
            try
            {
                var lines = (await courier.BookManyAsync([.. chunk.Select(Booking)], ct)).ToDictionary(l => l.ShipmentId);
                foreach (var shipment in chunk)
                {
                    answers[shipment.Id] = lines.GetValueOrDefault(shipment.Id) switch
                    {
                        { CourierReference: { } reference } => Succeeded((s, now) => s.Booked(reference, now)),
                        { Error: { } error } => FailedWith($"Le transporteur a refusé le colis : {error}"),
                        _ => FailedWith("Le transporteur n'a pas répondu pour ce colis"),
                    };
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && IsUnreadableAnswer(ex))
            {
                logger.LogWarning("Multi-parcel booking of {Count} parcels got an unreadable answer ({Error}); booking them one at a time",
                    chunk.Length, ex.Message);
                foreach (var shipment in chunk) answers[shipment.Id] = await CallOneAsync(courier, new ClaimedCall(CourierCall.Book, shipment), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Multi-parcel booking of {Count} parcels failed: {Error}", chunk.Length, ex.Message);
                foreach (var shipment in chunk) answers[shipment.Id] = FailedWith(ex.Message);
            }
        }
    }

    private async Task<Outcome> CallOneAsync(CourierClient courier, ClaimedCall claimed, CancellationToken ct)
    {
        var shipment = claimed.Shipment;
        try
        {
            switch (claimed.Call)
            {
                case CourierCall.Book:
                    var booked = await courier.BookAsync(Booking(shipment), ct);
                    return Succeeded((s, now) => s.Booked(booked.CourierReference, now));
                case CourierCall.Cancel:
                    var cancelled = await courier.CancelAsync(shipment.Id, ct);
                    return Succeeded((s, now) => s.CancelNotifiedToCourier(cancelled.PickedUp, now));
                default:
                    await courier.ReadyForPickupAsync(shipment.Id, ct);
                    return Succeeded((s, now) => { s.ReadyNotifiedToCourier(now); return []; });
            }
        }
        // Any failure of one call (HTTP, timeout, open circuit, a body that is not the expected JSON) belongs to that
        // shipment alone; only stopping the service ends the round.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return FailedWith(ex.Message);
        }
    }

    private async Task ApplyAsync(ShippingDbContext db, Dictionary<Guid, Outcome> answers, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = answers.Keys.ToList();
        // In id order, as every other writer of several shipments locks them, so two never wait on each other.
        var shipments = await db.Shipments.Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ForUpdate().ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var shipment in shipments)
        {
            foreach (var @event in answers[shipment.Id].Apply(shipment, now)) db.AddIntegrationEvent(@event);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>What the courier's answer does to the shipment, applied under its row lock.</summary>
    private delegate IEnumerable<IntegrationEvent> Answer(Shipment shipment, DateTimeOffset now);

    private sealed record Outcome(bool Succeeded, Answer Apply);

    private static Outcome Succeeded(Answer apply) => new(true, apply);

    private Outcome FailedWith(string error) => new(false, (s, now) =>
    {
        s.CourierFailed(error, now);
        logger.LogWarning("Courier call for shipment {ShipmentId} failed (attempt {Attempt}): {Error}", s.Id, s.CourierAttempts, error);
        return [];
    });

    /// <summary>The courier answered, but not with what a booking answer must be: worth asking parcel by parcel.</summary>
    private static bool IsUnreadableAnswer(Exception ex) => ex is JsonException or NotSupportedException or InvalidOperationException
        || ex is HttpRequestException { StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError
            and not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests };

    private static ParcelBooking Booking(Shipment shipment)
    {
        var r = shipment.Recipient;
        return new ParcelBooking(shipment.Id, shipment.TrackingNumber, shipment.CooperativeId,
            r.Name, r.Phone, r.Region, r.City, r.Street, shipment.ItemCount, shipment.CashOnDeliveryMad);
    }
}
