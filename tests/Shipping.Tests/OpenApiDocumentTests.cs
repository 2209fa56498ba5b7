using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

public sealed class OpenApiDocumentTests(ShippingFactory app) : IClassFixture<ShippingFactory>
{
    [Fact]
    public async Task The_courier_webhook_declares_its_body_signature_headers_and_answers()
    {
        var document = await OpenApiContract.AssertCompleteAsync(app.CreateClient());

        var webhook = document.Operation("post", "/webhooks/courier");
        Assert.True(webhook.GetProperty("security")[0].TryGetProperty("StandardWebhooks", out _));
        var json = webhook.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var body = document.Resolve(json.GetProperty("schema"));
        Assert.Equal("cash_collected", json.GetProperty("example").GetProperty("status").GetString());
        var fields = body.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["shipmentId", "trackingNumber", "status", "occurredAt", "amountMad"], fields);
        var headers = webhook.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], headers);
        foreach (var status in new[] { "202", "200", "400", "401" }) Assert.True(webhook.GetProperty("responses").TryGetProperty(status, out _), status);
    }
}
