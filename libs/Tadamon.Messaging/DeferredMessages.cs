using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Tadamon.Messaging;

/// <summary>A message that arrived before what it depends on, waiting in the service's database to be sent again.</summary>
public sealed class DeferredMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    /// <summary>The consumer's queue: a redelivery reaches that consumer only.</summary>
    public required string Destination { get; init; }
    public required string MessageType { get; init; }
    public required string Payload { get; init; }
    public string? Reason { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset FirstDeferredAt { get; init; }
    /// <summary>Null once sent again: the row then only remembers how long the message has waited.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

public sealed class DeferralOptions
{
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a message may wait for what it depends on before an operator must look at it.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Defers messages that are not ready and sends them back to their queue when due, with a delay that doubles each
/// time (1 s, 2 s, 4 s … at most 5 min) for up to an hour, after which the message is parked for an operator.
/// Kept in PostgreSQL because the broker here has no delayed-delivery plugin; replicas share the due rows
/// (<c>SKIP LOCKED</c>).
/// </summary>
public sealed class DeferredMessages<TContext>(
    IServiceScopeFactory scopes, IOptions<DeferralOptions> options, DeadLetters.DeadLetterQueues deadLetters, ILogger<DeferredMessages<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    internal async Task DeferAsync<T>(ConsumeContext<T> context, Guid messageId, string consumer, string reason, CancellationToken ct)
        where T : class
    {
        var o = options.Value;
        if (reason.Length > 2000) reason = reason[..2000];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var waitedSince = await db.Database.SqlQuery<DateTimeOffset>($"""
            INSERT INTO deferred_messages AS d (message_id, consumer, destination, message_type, payload, reason, attempts, first_deferred_at, next_attempt_at)
            VALUES ({messageId}, {consumer}, {"queue:" + Parking.QueueName(context.ReceiveContext.InputAddress)}, {EventTypes.NameOf(context.Message.GetType())},
                    {JsonSerializer.Serialize(context.Message, context.Message.GetType(), EventTypes.Json)}::jsonb, {reason}, 1, now(), now() + {o.FirstDelay})
            ON CONFLICT (message_id, consumer) DO UPDATE SET
                attempts = d.attempts + 1, reason = excluded.reason,
                next_attempt_at = now() + least({o.MaxDelay}, {o.FirstDelay} * power(2, d.attempts))
            RETURNING first_deferred_at AS "Value"
            """).ToListAsync(ct);
        if (DateTimeOffset.UtcNow - waitedSince[0] < o.MaxWait)
        {
            logger.LogInformation("{Consumer}: message {MessageId} is not ready ({Reason}); deferred", consumer, messageId, reason);
            return;
        }
        logger.LogError("{Consumer}: message {MessageId} still not ready after {MaxWait}; parking it ({Reason})", consumer, messageId, o.MaxWait, reason);
        await Parking.ParkAsync(context, deadLetters, $"Not ready after {o.MaxWait}: {reason}", typeof(MessageNotReadyException).FullName, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM deferred_messages WHERE message_id = {messageId} AND consumer = {consumer}", ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var bus = scope.ServiceProvider.GetRequiredService<IBus>();
                if (await SendDueAsync(db, bus, stoppingToken) == 100) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Sending deferred messages failed; retrying");
            }
            try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends the due messages back to their queues; returns how many were due.</summary>
    internal static async Task<int> SendDueAsync(TContext db, ISendEndpointProvider sender, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Set<DeferredMessage>().AsNoTracking()
            .Where(m => m.NextAttemptAt != null && m.NextAttemptAt <= DateTimeOffset.UtcNow)
            .OrderBy(m => m.NextAttemptAt).Take(100)
            .ForUpdate(skipLocked: true)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        foreach (var row in due)
        {
            var type = EventTypes.Resolve(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Payload, type, EventTypes.Json)!;
            var endpoint = await sender.GetSendEndpoint(Parking.OwnQueue(row.Destination));
            await endpoint.Send(message, type, send => send.MessageId = row.MessageId, ct);
        }
        var ids = due.Select(m => m.MessageId).ToArray();
        var consumers = due.Select(m => m.Consumer).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE deferred_messages d SET next_attempt_at = NULL
            FROM unnest({ids}, {consumers}) AS sent(message_id, consumer)
            WHERE d.message_id = sent.message_id AND d.consumer = sent.consumer
            """, ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
