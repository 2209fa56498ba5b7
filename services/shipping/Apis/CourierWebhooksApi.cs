using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Tadamon.Messaging;
using Tadamon.Shipping.Courier;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.IntegrationEvents;

namespace Tadamon.Shipping.Apis;

/// <summary>
/// The courier's news about parcels. Authenticated by Standard Webhooks signature only (any of the configured
/// keys, timestamp within 5 minutes). A verified call is stored with its event in one transaction and
/// acknowledged at once; the status change happens in <see cref="CourierUpdateConsumer"/>.
/// </summary>
public static class CourierWebhooksApi
{
    public static IEndpointRouteBuilder MapCourierWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/courier", Receive).WithTags("Courier").WithName("ReceiveCourierWebhook").Public()
            .WithSummary("Parcel news from the courier (Standard Webhooks signature: webhook-id, webhook-timestamp, webhook-signature)")
            .DisableAntiforgery();
        return app;
    }

    /// <summary>What the courier sends. <c>Status</c> is the courier's own code, mapped by <see cref="Model.CourierCodes"/>.</summary>
    public sealed record CourierNotification(Guid ShipmentId, string TrackingNumber, string Status, DateTimeOffset OccurredAt, decimal? AmountMad);

    public sealed record Acknowledged(string WebhookId, bool Duplicate);

    private static async Task<Results<Ok<Acknowledged>, ProblemHttpResult, ValidationProblem>> Receive(
        HttpContext http, ShippingDbContext db, IOptions<CourierOptions> options, TimeProvider clock, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Tadamon.Shipping.CourierWebhooks");
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (!IsSignedByCourier(body, http.Request.Headers, options.Value.WebhookSecrets, logger))
            return Problems.Problem(http, StatusCodes.Status401Unauthorized, "Signature de webhook invalide ou expirée.",
                "توقيع الإشعار غير صالح أو منتهي الصلاحية.", "invalid-signature");

        var webhookId = http.Request.Headers["webhook-id"].ToString();
        CourierNotification? notification;
        try { notification = JsonSerializer.Deserialize<CourierNotification>(body, JsonSerializerOptions.Web); }
        catch (JsonException) { notification = null; }
        if (notification is null || string.IsNullOrWhiteSpace(notification.Status) || webhookId.Length > 100)
            return Problems.Invalid(http, "body", "Notification illisible.", "إشعار غير مقروء.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO courier_webhooks (webhook_id, payload, received_at) VALUES ({webhookId}, {body}::jsonb, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        if (stored == 0) return TypedResults.Ok(new Acknowledged(webhookId, Duplicate: true));

        db.AddIntegrationEvent(new CourierUpdateReceived(webhookId, notification.ShipmentId, notification.TrackingNumber,
            notification.Status, notification.OccurredAt, notification.AmountMad));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Acknowledged(webhookId, Duplicate: false));
    }

    /// <summary>True when any current key verifies the call; during a rotation the old and new keys both do.</summary>
    private static bool IsSignedByCourier(string body, IHeaderDictionary headers, string[] secrets, ILogger logger)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            try
            {
                new StandardWebhook(secret).Verify(body, headers);
                return true;
            }
            catch (WebhookVerificationException ex)
            {
                logger.LogDebug("Courier webhook not verified by one key: {Reason}", ex.Message);
            }
        }
        logger.LogWarning("Courier webhook {WebhookId} refused: no key verifies its signature and timestamp", headers["webhook-id"].ToString());
        return false;
    }
}
