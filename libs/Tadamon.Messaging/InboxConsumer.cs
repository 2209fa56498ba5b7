using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Tadamon.Contracts;

namespace Tadamon.Messaging;

/// <summary>
/// Base for every consumer. Messages come in batches (MassTransit <see cref="Batch{T}"/>): the inbox claims the
/// whole batch in one statement, the messages are applied in one transaction, and their effects and outbox rows
/// are committed once. A redelivered or replayed message finds its claim and changes nothing.
/// <para>
/// When a batch fails, each message is applied alone, so one bad message never sinks the others: one that is
/// not ready yet (<see cref="MessageNotReadyException"/>) is deferred and redelivered later; one that keeps failing
/// is parked in the queue's <c>_error</c> queue. Transient failures (a server away) fail the whole batch and the
/// endpoint's retry policy tries it again; claims already committed make that harmless.
/// </para>
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db => db;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var ct = context.CancellationToken;
        // Two copies of one event in the same batch: only the first is a candidate for the claim.
        var items = new List<ConsumeContext<TMessage>>(context.Message.Length);
        var seen = new HashSet<Guid>();
        foreach (var item in context.Message)
        {
            if (seen.Add(MessageIdOf(item))) items.Add(item);
        }

        if (items.Count > 1)
        {
            try
            {
                await ApplyAsync(items, ct);
                return;
            }
            catch (Exception ex) when (!TransientFailures.IsTransient(ex) && !ct.IsCancellationRequested)
            {
                logger.LogInformation(ex, "{Consumer}: a batch of {Count} failed; applying its messages one by one", ConsumerName, items.Count);
            }
        }
        var options = context.GetServiceOrCreateInstance<IOptions<InboxOptions>>().Value;
        var deferred = context.GetServiceOrCreateInstance<DeferredMessages<TContext>>();
        var deadLetters = context.GetServiceOrCreateInstance<DeadLetters.DeadLetterQueues>();
        foreach (var item in items) await ApplyAloneAsync(item, options, deferred, deadLetters, ct);
    }

    /// <summary>
    /// Applies the claimed messages of a batch. Do not save or commit: the base class does both once. The default
    /// applies each message in turn with <see cref="HandleAsync"/>; a hot consumer overrides this to load every
    /// aggregate the batch touches in one query, and handles each message under <see cref="MessageTrace.Of"/>.
    /// </summary>
    protected virtual async Task HandleBatchAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            using (MessageTrace.Of(message)) await HandleAsync(message.Message, message);
        }
    }

    /// <summary>Applies one message. Throw <see cref="MessageNotReadyException"/> when what it needs has not arrived yet.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    private string ConsumerName => GetType().Name;

    private async Task ApplyAsync(IReadOnlyList<ConsumeContext<TMessage>> items, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // a retry must not carry half-applied entities from the failed attempt
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(items.Select(MessageIdOf).ToArray(), ct);
        if (claimed.Count < items.Count)
        {
            logger.LogInformation("{Consumer}: {Count} message(s) of the batch were handled before; ignoring the copies",
                ConsumerName, items.Count - claimed.Count);
        }
        if (claimed.Count == 0) return;

        var fresh = claimed.Count == items.Count ? items : items.Where(i => claimed.Contains(MessageIdOf(i))).ToList();
        // A lone message's logs carry its ids, as before batching; a batch's logs would mix many.
        using (fresh.Count == 1 ? logger.BeginScope(LogScopes.For(fresh[0].Message, MessageIdOf(fresh[0]))) : null)
        {
            await HandleBatchAsync(fresh, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task ApplyAloneAsync(
        ConsumeContext<TMessage> item, InboxOptions options, DeferredMessages<TContext> deferred, DeadLetters.DeadLetterQueues deadLetters,
        CancellationToken ct)
    {
        var intervals = options.RetryIntervals;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ApplyAsync([item], ct);
                return;
            }
            catch (Exception ex) when (ex is MessageNotReadyException && !ct.IsCancellationRequested)
            {
                await deferred.DeferAsync(item, MessageIdOf(item), ConsumerName, ex.Message, ct);
                return;
            }
            catch (Exception ex) when (!TransientFailures.IsTransient(ex) && !ct.IsCancellationRequested)
            {
                if (attempt >= intervals.Length)
                {
                    logger.LogError(ex, "{Consumer} could not apply message {MessageId} after {Attempts} attempts; parking it",
                        ConsumerName, MessageIdOf(item), attempt + 1);
                    await Parking.ParkAsync(item, deadLetters, ex.Message, ex.GetType().FullName, ct);
                    return;
                }
                await Task.Delay(intervals[attempt], ct);
            }
        }
    }

    private async Task<HashSet<Guid>> ClaimAsync(Guid[] ids, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT id, @consumer, now() FROM unnest(@ids) AS id
            ON CONFLICT DO NOTHING RETURNING message_id
            """, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("consumer", ConsumerName);
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }

    internal static Guid MessageIdOf(ConsumeContext<TMessage> context) =>
        (context.Message as IntegrationEvent)?.EventId ?? context.MessageId
        ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
}

/// <summary>How consumers take their messages.</summary>
public sealed class InboxOptions
{
    /// <summary>Most messages one batch holds (one transaction, one commit).</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>How long a batch waits for company after its first message: the latency bought for fewer commits.</summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(10);
    /// <summary>Batches of one consumer in flight at once: one collects while the other commits.</summary>
    public int ConcurrentBatches { get; set; } = 2;
    /// <summary>Pauses between the tries of a message that fails alone; after the last it is parked in <c>_error</c>.</summary>
    public TimeSpan[] RetryIntervals { get; set; } = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
}

/// <summary>
/// Thrown by a handler when the message depends on something this service has not heard of yet (an event that
/// overtook the one it follows). The message is deferred and redelivered with a growing delay, not parked.
/// </summary>
public sealed class MessageNotReadyException(string message) : Exception(message);
