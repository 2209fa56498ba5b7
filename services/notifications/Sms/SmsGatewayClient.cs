using System.Net.Http.Json;

namespace Tadamon.Notifications.Sms;

/// <summary>What the gateway answered: its message id, or why it did not take the message.</summary>
public sealed record SmsSendResult(string? ProviderMessageId, string? Error)
{
    public bool Accepted => ProviderMessageId is not null;
}

/// <summary>An SMS provider: one send per call, the client's reference making a repeated send harmless.</summary>
public interface ISmsGateway
{
    Task<SmsSendResult> SendAsync(string sender, string recipient, string text, string reference, CancellationToken ct);
}

/// <summary>A Moroccan SMS gateway's HTTP API (<c>POST /api/v1/messages</c>), as the sandbox plays it.</summary>
public sealed class SmsGatewayClient(HttpClient http) : ISmsGateway
{
    private sealed record Outgoing(string Sender, string Recipient, string Text, string Reference);

    private sealed record Accepted(string MessageId, string Status);

    public async Task<SmsSendResult> SendAsync(string sender, string recipient, string text, string reference, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("api/v1/messages", new Outgoing(sender, recipient, text, reference), ct);
            if (!response.IsSuccessStatusCode)
                return new SmsSendResult(null, $"Gateway answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var accepted = await response.Content.ReadFromJsonAsync<Accepted>(ct);
            return string.IsNullOrWhiteSpace(accepted?.MessageId)
                ? new SmsSendResult(null, "Gateway answered without a message id")
                : new SmsSendResult(accepted.MessageId, null);
        }
        // Unreachable, timed out, circuit open: all mean "try again later", never a crash of the dispatcher.
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new SmsSendResult(null, $"Gateway unreachable: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
