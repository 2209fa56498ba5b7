using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Shipping.Courier;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Apis;

/// <summary>
/// The courier's news about parcels. Authenticated by Standard Webhooks signature only (any of the configured
/// keys, timestamp within 5 minutes). A verified call is stored in the webhook inbox in one statement and answered
/// 202 at once (a copy already stored: 200, duplicate); <see cref="CourierWebhookApplier"/> applies it, in
/// shipment order, without a broker round trip.
/// </summary>
public static class CourierWebhooksApi
{
    public static IEndpointRouteBuilder MapCourierWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/courier", Receive).WithTags("Courier").WithName("ReceiveCourierWebhook").Public().SignedWebhook()
            .WithSummary("Parcel news from the courier (Standard Webhooks signature: webhook-id, webhook-timestamp, webhook-signature)")
            .WithDescription("The handler reads the raw body to verify its signature, so the body is declared here. `status` is the courier's code: " +
                "`picked_up`, `in_transit`, `out_for_delivery`, `delivered`, `delivery_failed`, `returned`, or `cash_collected` with `amountMad`. " +
                "202: stored, applied a moment later; 200: a webhook-id already received (`duplicate: true`, nothing changes); 400: unreadable body; 401: bad signature or stale timestamp.")
            .Accepts<CourierNotification>("application/json")
            .WithRequestExample(new CourierNotification(Guid.Parse("0193a5c2-7d41-7b8e-9f10-3c5d2e6a1b42"), "AMX0001234567MA", CourierCodes.CashCollected,
                new DateTimeOffset(2026, 12, 3, 10, 15, 0, TimeSpan.Zero), 349.00m))
            .DisableAntiforgery();
        return app;
    }

    /// <summary>What the courier sends. <c>Status</c> is the courier's own code, mapped by <see cref="Model.CourierCodes"/>.</summary>
    public sealed record CourierNotification(Guid ShipmentId, string TrackingNumber, string Status, DateTimeOffset OccurredAt, decimal? AmountMad);

    public sealed record Acknowledged(string WebhookId, bool Duplicate);

    private static async Task<Results<Accepted<Acknowledged>, Ok<Acknowledged>, ProblemHttpResult, ValidationProblem>> Receive(
        HttpContext http, ShippingDbContext db, IOptions<CourierOptions> options, TimeProvider clock, CourierWebhookApplier applier,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Tadamon.Shipping.CourierWebhooks");
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (!WebhookSignatures.IsSigned(body, http.Request.Headers, options.Value.WebhookSecrets, logger))
            return Problems.Problem(http, StatusCodes.Status401Unauthorized, "Signature de webhook invalide ou expirée.",
                "توقيع الإشعار غير صالح أو منتهي الصلاحية.", "invalid-signature");

        var webhookId = http.Request.Headers["webhook-id"].ToString();
        CourierNotification? notification;
        try { notification = JsonSerializer.Deserialize<CourierNotification>(body, JsonSerializerOptions.Web); }
        catch (JsonException) { notification = null; }
        if (notification is null || string.IsNullOrWhiteSpace(notification.Status) || notification.Status.Length > 40
            || webhookId.Length > 100)
            return Problems.Invalid(http, "body", "Notification illisible.", "إشعار غير مقروء.");

        var n = notification;
        var stored = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO courier_webhooks (webhook_id, payload, received_at, shipment_id, status, occurred_at, amount_mad, attempts)
            VALUES ({webhookId}, {body}::jsonb, {clock.GetUtcNow()}, {n.ShipmentId}, {n.Status}, {n.OccurredAt}, {n.AmountMad}, 0)
            ON CONFLICT DO NOTHING
            """, ct);
        if (stored == 0) return TypedResults.Ok(new Acknowledged(webhookId, Duplicate: true));
        applier.Wake();
        return TypedResults.Accepted((string?)null, new Acknowledged(webhookId, Duplicate: false));
    }
}
