using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Apis;

/// <summary>
/// The courier's remittance statements. Authenticated by Standard Webhooks signature only (the courier's shared
/// key, as for its parcel news). The statement is stored, posted and reconciled in one transaction; the same
/// webhook id again answers 200 with <c>duplicate: true</c> and changes nothing.
/// </summary>
public static class RemittanceWebhooksApi
{
    public static IEndpointRouteBuilder MapRemittanceWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/courier/remittances", Receive).WithTags("Courier").WithName("ReceiveRemittance").Public().SignedWebhook()
            .WithSummary("A remittance statement from the courier (Standard Webhooks signature: webhook-id, webhook-timestamp, webhook-signature)")
            .WithDescription("One bank transfer (`transferReference`) covering the listed parcels' cash (`amountMad`) less the fees the courier withheld " +
                "(`feeMad`); `collectedUntil`: every parcel collected by then is listed here or was in an earlier statement. " +
                "200: reconciled (counts of matched lines and of discrepancies opened), or `duplicate: true` for a webhook id already received; " +
                "400: unreadable or invalid statement (nothing stored); 401: bad signature or stale timestamp.")
            .Accepts<RemittanceStatement>("application/json")
            .DisableAntiforgery();
        return app;
    }

    public sealed record RemittedParcel(string TrackingNumber, decimal AmountMad, decimal FeeMad);

    public sealed record RemittanceStatement(string TransferReference, DateTimeOffset CollectedUntil, IReadOnlyList<RemittedParcel> Lines);

    public sealed record Reconciled(string WebhookId, bool Duplicate, Guid? RemittanceId, int Lines, int Matched, int Discrepancies);

    private static async Task<Results<Ok<Reconciled>, ProblemHttpResult, ValidationProblem>> Receive(
        HttpContext http, SettlementDbContext db, SettlementBook book, IOptions<SettlementOptions> options, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (!WebhookSignatures.IsSigned(body, http.Request.Headers, options.Value.CourierWebhookSecrets, loggers.CreateLogger("Tadamon.Settlement.Remittances")))
            return Problems.Problem(http, StatusCodes.Status401Unauthorized, "Signature de webhook invalide ou expirée.",
                "توقيع الإشعار غير صالح أو منتهي الصلاحية.", "invalid-signature");

        var webhookId = http.Request.Headers["webhook-id"].ToString();
        RemittanceStatement? statement;
        try { statement = JsonSerializer.Deserialize<RemittanceStatement>(body, JsonSerializerOptions.Web); }
        catch (JsonException) { statement = null; }
        if (Invalid(statement, webhookId) is { } why) return Problems.Invalid(http, "body", $"Relevé de versement invalide : {why}.", "كشف التحويل غير صالح.");

        var remittance = new Remittance
        {
            WebhookId = webhookId, TransferReference = statement!.TransferReference.Trim(), CollectedUntil = statement.CollectedUntil,
            ReceivedAt = clock.GetUtcNow(), TransferredMad = statement.Lines.Sum(l => l.AmountMad - l.FeeMad),
        };
        remittance.Lines.AddRange(statement.Lines.Select(l => new RemittanceLine
        {
            RemittanceId = remittance.Id, TrackingNumber = l.TrackingNumber.Trim(), AmountMad = l.AmountMad, FeeMad = l.FeeMad,
        }));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await book.ReconcileAsync(remittance, ct)) return TypedResults.Ok(new Reconciled(webhookId, true, null, 0, 0, 0));
        var opened = db.ChangeTracker.Entries<Discrepancy>().Count(e => e.State == EntityState.Added);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same webhook raced in on another request and won: this copy is the duplicate.
            if (await IsStoredAsync(db, webhookId)) return TypedResults.Ok(new Reconciled(webhookId, true, null, 0, 0, 0));
            throw;
        }
        return TypedResults.Ok(new Reconciled(webhookId, false, remittance.Id, remittance.Lines.Count,
            remittance.Lines.Count(l => l.Outcome == LineOutcome.Matched), opened));
    }

    private static async Task<bool> IsStoredAsync(SettlementDbContext db, string webhookId)
    {
        db.ChangeTracker.Clear();
        return await db.Remittances.AsNoTracking().AnyAsync(r => r.WebhookId == webhookId);
    }

    /// <summary>Why the statement cannot be taken, or null.</summary>
    private static string? Invalid(RemittanceStatement? s, string webhookId)
    {
        if (string.IsNullOrWhiteSpace(webhookId) || webhookId.Length > 100) return "webhook-id";
        if (s is null || s.Lines is null) return "corps illisible";
        if (string.IsNullOrWhiteSpace(s.TransferReference) || s.TransferReference.Length > 100 || RequestText.HasRefusedControl(s.TransferReference))
            return "transferReference";
        if (s.Lines.Count is 0 or > 2000) return "lines (1 à 2000)";
        foreach (var l in s.Lines)
        {
            if (string.IsNullOrWhiteSpace(l.TrackingNumber) || l.TrackingNumber.Length > 40 || RequestText.HasRefusedControl(l.TrackingNumber)) return "trackingNumber";
            if (l.AmountMad < 0m || l.FeeMad < 0m || l.FeeMad > l.AmountMad || decimal.Round(l.AmountMad, 2) != l.AmountMad
                || decimal.Round(l.FeeMad, 2) != l.FeeMad || l.AmountMad > 1_000_000m) return $"montants de {l.TrackingNumber}";
        }
        return null;
    }
}
