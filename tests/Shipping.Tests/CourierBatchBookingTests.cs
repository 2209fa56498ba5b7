using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tadamon.CourierSandbox;
using Tadamon.Shipping.Model;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

/// <summary>Shipping books parcels with the courier sandbox many at a time, and holds no row lock while a call is out.</summary>
public sealed class CourierBatchBookingTests : IClassFixture<ShippingFactory>, IClassFixture<SandboxHost>
{
    private readonly ShippingFactory _shipping;
    private readonly SandboxHost _courier;
    // Static: the HTTP client factory keeps the first handler it built for a while, across this class's tests.
    private static readonly Watch Watched = new();

    public CourierBatchBookingTests(ShippingFactory shipping, SandboxHost courier)
    {
        (_shipping, _courier) = (shipping, courier);
        // Each test class has its own shipping database, so every booking call seen here is this class's.
        shipping.CourierHandler = () => new Watching(Watched, courier.Server.CreateHandler());
    }

    private static Shipment NewShipment(string phone = "0612345678") => new()
    {
        OrderId = Guid.CreateVersion7(), CooperativeId = Guid.NewGuid(),
        TrackingNumber = $"TDM{Guid.NewGuid():N}"[..13].ToUpperInvariant(), CashOnDeliveryMad = 95m, ItemCount = 2,
        Recipient = new Recipient("Khadija", phone, "draa-tafilalet", "Errachidia", "Ksar Tinjdad"),
    };

    private Task<Shipment> LoadAsync(Guid id) => _shipping.InScopeAsync(db => db.Shipments.AsNoTracking().FirstAsync(s => s.Id == id));

    [Fact]
    public async Task When_many_parcels_are_due_at_once_Should_book_them_in_one_call_and_back_off_only_the_one_the_courier_refuses()
    {
        await _shipping.ReadyAsync();
        var good = Enumerable.Range(0, 30).Select(_ => NewShipment()).ToList();
        var noPhone = NewShipment(phone: " ");
        // One transaction: the worker's next round finds all of them due together.
        await _shipping.InScopeAsync(db => { db.Shipments.AddRange([.. good, noPhone]); return db.SaveChangesAsync(); });

        var booked = await Eventually.GetAsync(async () =>
        {
            var all = await Task.WhenAll(good.Select(g => LoadAsync(g.Id)));
            return all.All(s => s.Status == ShipmentStatus.Booked) ? all : null;
        }, "the 30 bookings");
        var refused = await Eventually.GetAsync(async () => await LoadAsync(noPhone.Id) is { CourierAttempts: > 0 } s ? s : null, "the refusal recorded");

        var parcels = (await _courier.CreateClient().GetFromJsonAsync<List<SandboxApi.ParcelView>>("/parcels"))!.ToDictionary(p => p.ShipmentId);
        Assert.All(booked, s => Assert.Equal(parcels[s.Id].CourierReference, s.CourierReference));
        Assert.False(parcels.ContainsKey(noPhone.Id));
        Assert.Equal(ShipmentStatus.Created, refused.Status);
        Assert.Contains("Téléphone", refused.LastCourierError);
        Assert.True(refused.NextCourierAttemptAt > refused.UpdatedAt, "backed off");
        // All 31 went out in one multi-parcel call, and none of them one by one.
        var calls = Watched.Bookings.ToList();
        Assert.Equal(31, Assert.Single(calls, c => c.Contains(good[0].Id)).Count);
        Assert.DoesNotContain(Watched.SingleBookings, id => id == good[0].Id);
    }

    [Fact]
    public async Task When_a_booking_call_is_out_Should_hold_no_lock_on_the_shipment()
    {
        await _shipping.ReadyAsync();
        var shipment = NewShipment();
        Watched.HoldBookingOf = shipment.Id;
        await _shipping.InScopeAsync(db => { db.Shipments.Add(shipment); return db.SaveChangesAsync(); });

        await Watched.BookingHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            // While the courier has not answered, anyone else (a webhook, a cancel) can take the row at once.
            await using var connection = new NpgsqlConnection(_shipping.DatabaseConnectionString);
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var take = new NpgsqlCommand("SELECT 1 FROM shipments WHERE \"Id\" = @id FOR UPDATE NOWAIT", connection, tx);
            take.Parameters.AddWithValue("id", shipment.Id);
            Assert.Equal(1, await take.ExecuteScalarAsync());
            await tx.RollbackAsync();
        }
        finally
        {
            Watched.Release.TrySetResult();
        }

        var after = await Eventually.GetAsync(async () => await LoadAsync(shipment.Id) is { Status: ShipmentStatus.Booked } s ? s : null, "the booking");
        Assert.StartsWith("SBX-", after.CourierReference);
    }

    /// <summary>What shipping sent the courier, and a way to keep one booking call waiting.</summary>
    private sealed class Watch
    {
        public ConcurrentQueue<HashSet<Guid>> Bookings { get; } = new();
        public ConcurrentQueue<Guid> SingleBookings { get; } = new();
        public Guid? HoldBookingOf { get; set; }
        public TaskCompletionSource BookingHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Watching(Watch watch, HttpMessageHandler sandbox) : DelegatingHandler(sandbox)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
            if (request.Content is not null && (path.EndsWith("/parcels/batch") || path.EndsWith("/parcels")))
            {
                using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(ct));
                var ids = path.EndsWith("/batch")
                    ? body.RootElement.GetProperty("parcels").EnumerateArray().Select(p => p.GetProperty("shipmentId").GetGuid()).ToHashSet()
                    : [body.RootElement.GetProperty("shipmentId").GetGuid()];
                if (path.EndsWith("/batch")) watch.Bookings.Enqueue(ids);
                else watch.SingleBookings.Enqueue(ids.Single());
                if (watch.HoldBookingOf is { } held && ids.Contains(held))
                {
                    watch.BookingHeld.TrySetResult();
                    await watch.Release.Task.WaitAsync(ct);
                }
            }
            return await base.SendAsync(request, ct);
        }
    }
}
