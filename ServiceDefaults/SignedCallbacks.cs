using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The partner sandboxes' side of a webhook (the courier's parcel news and remittances, the SMS gateway's delivery
/// reports and phone replies): one POST signed with Standard Webhooks, and the partner's habit of sending again until
/// it is acknowledged.
/// </summary>
public static class SignedCallbacks
{
    /// <summary>
    /// One signed POST: the receiver's status code, or 0 when it could not be reached. Nothing escapes: an undelivered
    /// callback is the platform's problem, never the partner's (the resilience handler throws its own exceptions too,
    /// and one escaping once stopped a whole sandbox while shipping was down).
    /// </summary>
    public static async Task<int> PostAsync(HttpClient http, string url, string secret, string id, object body,
        TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        try
        {
            using var content = new StandardWebhook(secret).MakeHttpContent(body, id, clock.GetUtcNow());
            using var response = await http.PostAsync(url, content, ct);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Callback {Id} to {Url} not delivered: {Error}", id, url, ex.Message);
            return 0;
        }
    }

    /// <summary>
    /// Sends until the receiver answers 2xx: 0.5 s after a failure, doubling up to 30 s, at most
    /// <paramref name="attempts"/> tries. False when it gave up or was cancelled.
    /// </summary>
    public static async Task<bool> UntilAcknowledgedAsync(Func<CancellationToken, Task<int>> send, int attempts, TimeProvider clock, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; attempt <= attempts && !ct.IsCancellationRequested; attempt++)
        {
            if (await send(ct) is >= 200 and < 300) return true;
            try { await Task.Delay(delay, clock, ct); } catch (OperationCanceledException) { return false; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
        return false;
    }
}
