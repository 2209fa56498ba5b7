using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;

namespace Tadamon.Resilience.Tests;

/// <summary>One request and what came back (status 0: no answer at all — refused, reset or timed out).</summary>
public sealed record Exchange(string Operation, string Subject, DateTimeOffset At, int Status, TimeSpan Took);

/// <summary>
/// Every request the flow sent and every answer, so the checks afterwards can tell what the platform acknowledged
/// from what it never promised.
/// </summary>
public sealed class History
{
    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public void Record(Exchange exchange) => _exchanges.Enqueue(exchange);
    public IReadOnlyCollection<Exchange> Exchanges => _exchanges;
    public int Requests => _exchanges.Count;
    public int Unanswered => _exchanges.Count(e => e.Status is 0 or >= 500);
}

/// <summary>
/// The gateway as the flow's people use it: real tokens, every exchange recorded, and commands retried through a
/// fault (connection refused, 5xx, 429) the way a careful client would — same Idempotency-Key, so never twice.
/// </summary>
public sealed class Gateway(HttpClient http, Logins logins, History history)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
        public Guid Id => Body.GetProperty("id").GetGuid();
    }

    /// <summary>Sends until the platform answers something other than "I am not well" (or patience runs out: null).</summary>
    public async Task<Answer?> SendAsync(string operation, string login, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var answer = await TryOnceAsync(operation, login, method, url, body, idempotencyKey);
            if (answer is not null && (int)answer.Status is < 500 and not 429 and not 408) return answer;
            if (DateTime.UtcNow > deadline) return answer;
            await Task.Delay(500);
        }
    }

    public async Task<Answer?> TryOnceAsync(string operation, string login, HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        try
        {
            var token = await logins.TokenAsync(login);
            using var request = new HttpRequestMessage(method, url).WithToken(token);
            if (body is not null) request.Content = JsonContent.Create(body);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            history.Record(new Exchange(operation, url, started, (int)response.StatusCode, clock.Elapsed));
            return new Answer(response.StatusCode, text.Length == 0 ? default : Parse(text));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // InvalidOperationException: a login that failed because identity could not reach its database either.
            history.Record(new Exchange(operation, url, started, 0, clock.Elapsed));
            return null;
        }
    }

    private static JsonElement Parse(string text)
    {
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { return default; }
    }
}
