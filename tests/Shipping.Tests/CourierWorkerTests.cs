using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Shipping.Model;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

/// <summary>A courier that answers one booking with an HTML page (a proxy's maintenance page, say) and the others properly.</summary>
public sealed class CourierWorkerTests : IClassFixture<ShippingFactory>
{
    private readonly ShippingFactory _shipping;
    private static readonly Guid Troublesome = Guid.CreateVersion7();

    public CourierWorkerTests(ShippingFactory shipping)
    {
        _shipping = shipping;
        shipping.CourierHandler = () => new HtmlForOneBooking();
    }

    private static Shipment NewShipment(Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), CooperativeId = Guid.NewGuid(),
        TrackingNumber = $"TDM{Guid.NewGuid():N}"[..13].ToUpperInvariant(), CashOnDeliveryMad = 120m, ItemCount = 1,
        Recipient = new Recipient("Fatima", "0612345678", "souss-massa", "Agadir", "1 rue"),
    };

    [Fact]
    public async Task When_the_courier_answers_one_booking_with_html_Should_back_off_that_one_and_keep_the_others()
    {
        // The troublesome one is the oldest: it heads every round, as the row that used to stall the worker.
        var bad = NewShipment(Troublesome);
        var good = new[] { NewShipment(), NewShipment() };
        await _shipping.InScopeAsync(async db =>
        {
            db.Shipments.Add(bad);
            await db.SaveChangesAsync();
            db.Shipments.AddRange(good);
            return await db.SaveChangesAsync();
        });
        await _shipping.ReadyAsync();

        Task<Shipment> Load(Guid id) => _shipping.InScopeAsync(db => db.Shipments.AsNoTracking().FirstAsync(s => s.Id == id));
        await Eventually.TrueAsync(async () => (await Task.WhenAll(good.Select(g => Load(g.Id)))).All(s => s.Status == ShipmentStatus.Booked),
            "the good bookings");
        var after = await Eventually.GetAsync(async () => await Load(bad.Id) is { CourierAttempts: > 0 } s ? s : null, "the bad answer recorded");

        Assert.Equal(ShipmentStatus.Created, after.Status);
        Assert.NotNull(after.LastCourierError);
        Assert.True(after.NextCourierAttemptAt > after.UpdatedAt, "backed off"); // (measured from its own failure: the machine may be slow)
        // Booked and not yet ready: nothing is owed to the courier, so they left its queue.
        Assert.All(await Task.WhenAll(good.Select(g => Load(g.Id))), s => Assert.Null(s.NextCourierAttemptAt));
        var index = await _shipping.InScopeAsync(db => db.Database
            .SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_shipments_NextCourierAttemptAt'").SingleAsync());
        Assert.Contains("WHERE (\"NextCourierAttemptAt\" IS NOT NULL)", index);
    }

    /// <summary>
    /// Answers a multi-parcel booking holding the troublesome parcel with HTML (so shipping books that batch one parcel
    /// at a time), and the troublesome parcel's own booking with HTML again.
    /// </summary>
    private sealed class HtmlForOneBooking : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
            if (body.Contains(Troublesome.ToString()))
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html><body>Maintenance</body></html>", Encoding.UTF8, "text/html") };
            object answer = path.EndsWith("/parcels/batch")
                ? new
                {
                    results = JsonDocument.Parse(body).RootElement.GetProperty("parcels").EnumerateArray()
                        .Select(p => new { shipmentId = p.GetProperty("shipmentId").GetGuid(), courierReference = Reference() }).ToList(),
                }
                : new { courierReference = Reference() };
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(answer), Encoding.UTF8, "application/json"),
            };
        }

        private static string Reference() => $"SBX-{Random.Shared.Next(1000, 9999)}";
    }
}
