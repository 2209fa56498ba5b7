using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Messaging;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Sms;

/// <summary>
/// Sends the SMS that are due. Each round claims a batch of due Pending rows with <c>FOR UPDATE SKIP LOCKED</c>, so
/// replicas share the work without sending one message twice; a message due in quiet hours is moved to 08:00; a
/// gateway failure is retried with exponential backoff and jitter until <see cref="SmsOptions.MaxAttempts"/>, then
/// the message is Failed with its last error, for an operator to replay.
/// </summary>
public sealed class SmsDispatcher(IServiceScopeFactory scopes, IOptions<SmsOptions> options, TimeProvider clock, ILogger<SmsDispatcher> logger)
    : BackgroundService
{
    public const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sending due SMS failed; trying again at the next round");
            }
            // A full batch means more may be waiting: go on at once.
            if (claimed == BatchSize) continue;
            try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: the number of rows it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<SmsDesk>();
        var gateway = scope.ServiceProvider.GetRequiredService<ISmsGateway>();
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.SmsMessages.Where(m => m.State == SmsState.Pending && m.DueAt <= now)
            .OrderBy(m => m.DueAt).Take(BatchSize).ForUpdate(skipLocked: true).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var contacts = await PeopleOfAsync(db, due, ct);
        foreach (var sms in due)
        {
            var allowedAt = settings.AllowedFrom(now);
            if (allowedAt > now)
            {
                sms.DueAt = allowedAt; // held, not failed: no attempt is counted
                continue;
            }
            // Asked again at sending time: a STOP received while the message waited wins.
            if (await desk.WhyWithheldAsync(sms.Phone, contacts.GetValueOrDefault(sms.PersonId), ct) is { } why)
            {
                sms.State = SmsState.Withheld;
                sms.LastError = why;
                continue;
            }
            sms.Attempts++;
            var result = await gateway.SendAsync(settings.Sender, sms.Phone, sms.Text, sms.Reference, ct);
            if (result.Accepted)
            {
                sms.State = SmsState.Sent;
                sms.SentAt = clock.GetUtcNow();
                sms.ProviderMessageId = result.ProviderMessageId;
                sms.LastError = null;
            }
            else if (sms.Attempts >= settings.MaxAttempts)
            {
                sms.State = SmsState.Failed;
                sms.LastError = Trim($"Given up after {sms.Attempts} attempts: {result.Error}");
                logger.LogWarning("SMS {Id} for notification {NotificationId} given up after {Attempts} attempts: {Error}",
                    sms.Id, sms.NotificationId, sms.Attempts, result.Error);
            }
            else
            {
                sms.LastError = Trim(result.Error);
                sms.DueAt = settings.AllowedFrom(now + Backoff(sms.Attempts, settings));
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>The first delay doubled per further attempt, capped, times a random 0.8–1.2 so retries after an outage do not arrive together.</summary>
    public static TimeSpan Backoff(int attempts, SmsOptions settings)
    {
        var doubled = settings.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(doubled, settings.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.8 + Random.Shared.NextDouble() * 0.4)));
    }

    private static async Task<Dictionary<string, SmsContact>> PeopleOfAsync(NotificationsDbContext db, List<SmsMessage> due, CancellationToken ct)
    {
        var ids = due.Select(m => m.PersonId).Distinct().ToList();
        return await db.Contacts.Where(c => ids.Contains(c.PersonId)).ToDictionaryAsync(c => c.PersonId, ct);
    }

    private static string? Trim(string? error) => error is { Length: > 300 } ? error[..300] : error;
}
