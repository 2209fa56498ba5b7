using System.Diagnostics;
using StandardWebhooks;

namespace Tadamon.Bench;

/// <summary>
/// Scenario 4: the courier flushing a day's tracking news. For shipments that real checkouts created and shipping
/// booked, every step from pickup to cash collected, signed with Standard Webhooks as the courier signs them,
/// shuffled (news arrives out of order) and with a share sent twice under the same webhook id (a courier retry,
/// freshly timestamped and signed). Posted to the gateway's public webhook URL.
/// </summary>
public sealed class WebhookFlood(Platform platform, Database shipping, string signingSecret)
{
    public const string Title = "Webhook flood";
    private static readonly string[] Route = ["picked_up", "in_transit", "out_for_delivery", "delivered", "cash_collected"];
    private const double DuplicateShare = 0.2;

    public sealed record Notification(Guid ShipmentId, string TrackingNumber, string Status, DateTimeOffset OccurredAt, decimal? AmountMad);

    public async Task<Section> RunAsync(int concurrency, int maxShipments)
    {
        var shipments = await shipping.QueryAsync(
            "SELECT \"Id\", \"TrackingNumber\", \"CashOnDeliveryMad\" FROM shipments WHERE \"Status\" = 'Booked' ORDER BY \"Id\" LIMIT $1",
            r => (Id: r.GetGuid(0), Tracking: r.GetString(1), Cash: r.GetDecimal(2)), maxShipments);
        var random = new Random(8);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var events = shipments.SelectMany(s => Route.Select((status, step) => (Id: $"msg_{Guid.NewGuid():N}",
            Body: new Notification(s.Id, s.Tracking, status, start.AddMinutes(step), status == "cash_collected" ? s.Cash : null)))).ToList();
        var sends = events.Concat(events.Where(_ => random.NextDouble() < DuplicateShare)).OrderBy(_ => random.Next()).ToArray();
        Console.WriteLine($"webhooks: {sends.Length} posts for {shipments.Count} shipments ({events.Count} distinct events)");

        var webhook = new StandardWebhook(signingSecret);
        var before = Processes.Read();
        var flood = Stopwatch.StartNew();
        var refused = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        async Task<bool> PostAsync(int i, CancellationToken ct)
        {
            var (id, body) = sends[i];
            using var content = webhook.MakeHttpContent(body, id, DateTimeOffset.UtcNow); // fresh timestamp and signature per attempt
            string outcome;
            try
            {
                using var response = await platform.Http.PostAsync($"{platform.Gateway}/webhooks/courier", content, ct);
                if (response.IsSuccessStatusCode) return true;
                outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { outcome = ex.GetType().Name; }
            statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            refused.Enqueue(i);
            return false;
        }
        var acks = await Load.RunCountAsync($"{concurrency} senders", concurrency, sends.Length, PostAsync);
        if (acks.Errors == acks.Requests) throw new InvalidOperationException("Shipping refused every webhook (signing key?).");
        // A courier delivers until acknowledged: what was refused is sent again, a few at a time.
        var retried = 0;
        for (var round = 0; round < 5 && !refused.IsEmpty; round++)
        {
            var again = refused.ToArray();
            refused.Clear();
            retried += again.Length;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await Load.RunCountAsync("retries", 4, again.Length, (k, ct) => PostAsync(again[k], ct));
        }
        var ids = shipments.Select(s => s.Id).ToArray();
        await Platform.UntilAsync(async () => await shipping.CountAsync(
                "SELECT count(*) FROM shipments WHERE \"Id\" = ANY($1) AND \"Status\" = 'Delivered' AND \"CashCollectedMad\" IS NOT NULL", ids) == ids.Length,
            TimeSpan.FromMinutes(2), "every shipment to be delivered and paid");
        var settled = flood.Elapsed.TotalSeconds;
        var after = Processes.Read();
        Console.WriteLine($"webhooks: {acks.OkPerSecond:F0} acknowledged/s, p99 {acks.P99Ms:F1} ms, errors {acks.Errors}; all final after {settled:F1} s");

        var md = new System.Text.StringBuilder();
        md.AppendLine("| posts (distinct events, shipments) | acknowledged/s | ack p50 / p95 / p99 (ms) | errors | flood start → every shipment Delivered and paid | target |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| {sends.Length} ({events.Count}, {shipments.Count}) | {acks.OkPerSecond:F0} | {acks.P50Ms:F1} / {acks.P95Ms:F1} / {acks.P99Ms:F1} "
            + $"| {acks.Errors} | {settled:F1} s (posting took {acks.Seconds:F1} s) | ≥ 2,000 acknowledged/s, p99 < 50 ms |");
        md.AppendLine();
        if (!statuses.IsEmpty)
            md.AppendLine($"Refused or failed posts by outcome: {string.Join(", ", statuses.Select(x => $"{x.Key} × {x.Value}"))}; "
                + $"{retried} re-sent as a courier would, {refused.Count} still refused after five rounds.");
        md.AppendLine();
        md.AppendLine($"Five events per shipment (picked_up → cash_collected), shuffled across all shipments; {DuplicateShare:P0} of them "
            + $"posted a second time with the same webhook id; {concurrency} concurrent senders through the gateway's `/webhooks/courier`.");
        md.AppendLine();
        md.Append(Report.ProcessTable(before, after, sends.Length - refused.Count, "webhook"));
        return new Section(Title, md.ToString());
    }
}
