using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Tadamon.SmsSandbox;

/// <summary>A delivery report, as the gateway posts it to the sender's callback URL.</summary>
public sealed record DeliveryReport(string MessageId, string Reference, string Recipient, string Status, DateTimeOffset At);

/// <summary>A message a phone sent to the sender's short number (a reply such as STOP).</summary>
public sealed record InboundSms(string From, string Text, DateTimeOffset At);

/// <summary>
/// Posts the gateway's callbacks (delivery reports, replies from phones) as signed Standard Webhooks: a fresh
/// webhook id per report, retried with exponential backoff until a 2xx or the attempts run out. With the
/// duplicate-reports fault every report is posted a second time under another webhook id, as gateways do when
/// they lose track of an acknowledgement: the receiver must match reports by message id.
/// </summary>
public sealed class CallbackSender(IHttpClientFactory clients, Handset handset, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<CallbackSender> logger)
    : BackgroundService
{
    public const string ClientName = "callbacks";
    private readonly Channel<ReceivedSms> _accepted = Channel.CreateUnbounded<ReceivedSms>();

    public void Accepted(ReceivedSms sms) => _accepted.Writer.TryWrite(sms);

    /// <summary>A phone replies to the sender; posted at once (the caller waits for the platform's answer).</summary>
    public Task<int> ReplyAsync(InboundSms reply, CancellationToken ct) =>
        PostAsync(options.Value.InboundUrl, $"msg_{Guid.NewGuid():N}", reply, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sms in _accepted.Reader.ReadAllAsync(stoppingToken))
                _ = ReportLaterAsync(sms, stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReportLaterAsync(ReceivedSms sms, CancellationToken ct)
    {
        try { await Task.Delay(options.Value.ReportDelay, clock, ct); } catch (OperationCanceledException) { return; }
        var status = handset.Deliver(sms);
        var report = new DeliveryReport(sms.MessageId, sms.Reference, sms.Recipient, status, clock.GetUtcNow());
        var sends = handset.Faults.DuplicateReports ? 2 : 1;
        await Task.WhenAll(Enumerable.Range(0, sends).Select(_ => SendWithRetriesAsync(report, ct)));
    }

    private async Task SendWithRetriesAsync(DeliveryReport report, CancellationToken ct)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        if (!await SignedCallbacks.UntilAcknowledgedAsync(c => PostAsync(options.Value.DeliveryReportUrl, id, report, c), options.Value.MaxReportAttempts, clock, ct)
            && !ct.IsCancellationRequested)
            logger.LogWarning("Delivery report for {MessageId} given up after {Attempts} attempts", report.MessageId, options.Value.MaxReportAttempts);
    }

    /// <summary>One signed POST; the status code, or 0 when the platform could not be reached.</summary>
    private Task<int> PostAsync(string? url, string id, object body, CancellationToken ct)
    {
        if (url is null) { logger.LogWarning("No callback URL is set; callback {Id} dropped", id); return Task.FromResult(0); }
        return SignedCallbacks.PostAsync(clients.CreateClient(ClientName), url, options.Value.SigningSecret, id, body, clock, logger, ct);
    }
}
