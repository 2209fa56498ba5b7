using System.Net;
using System.Net.Http.Json;
using Tadamon.Shipping.Apis;
using Tadamon.Shipping.Model;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

public sealed class ShipmentsListTests(ShippingFactory shipping) : IClassFixture<ShippingFactory>
{
    private HttpClient As(string role) => shipping.CreateClient().ActingAs("someone", role);

    [Fact]
    public async Task When_an_operator_lists_returned_shipments_Should_see_them_and_a_buyer_should_be_forbidden()
    {
        var returned = await shipping.InScopeAsync(async db =>
        {
            var shipment = new Shipment
            {
                OrderId = Guid.CreateVersion7(), CooperativeId = Guid.NewGuid(), TrackingNumber = $"TDM{Guid.NewGuid():N}"[..13],
                CashOnDeliveryMad = 90m, Recipient = new Recipient("Fatima", "0612345678", "souss-massa", "Agadir", "1 rue"),
            };
            shipment.Booked("SBX-2", DateTimeOffset.UtcNow);
            shipment.ApplyCourierNews("returned", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            db.Shipments.Add(shipment);
            await db.SaveChangesAsync();
            return shipment;
        });

        var page = await As(Roles.Operator).GetFromJsonAsync<Page<ShipmentsApi.ShipmentSummary>>("/shipments?status=Returned&pageSize=500");
        var buyer = await As(Roles.Buyer).GetAsync("/shipments");

        Assert.Contains(page!.Items, s => s.Id == returned.Id && s.Status == "Returned");
        Assert.All(page.Items, s => Assert.Equal("Returned", s.Status));
        Assert.Equal(Paging.MaxPageSize, page.PageSize);
        Assert.Equal(HttpStatusCode.Forbidden, buyer.StatusCode);
    }
}
