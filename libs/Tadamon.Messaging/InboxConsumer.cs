using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tadamon.Contracts;

namespace Tadamon.Messaging;

/// <summary>
/// Base for every consumer: the message is claimed in the inbox, handled, and its effects (including any
/// outbox rows it adds) are saved in one transaction. A redelivered or replayed message finds its claim and
/// changes nothing. Two copies handled at once: the second insert waits on the first and then finds it.
/// </summary>
public abstract class InboxConsumer<TMessage, TContext>(TContext db, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db => db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = (context.Message as IntegrationEvent)?.EventId ?? context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        var consumer = GetType().Name;
        using var scope = logger.BeginScope(LogScopes.For(context.Message, messageId));

        db.ChangeTracker.Clear(); // a retry must not carry half-applied entities from the failed attempt
        await using var tx = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING",
            context.CancellationToken);
        if (claimed == 0)
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; ignoring the copy", consumer, messageId);
            return;
        }

        await HandleAsync(context.Message, context);
        await db.SaveChangesAsync(context.CancellationToken);
        await tx.CommitAsync(context.CancellationToken);
    }

    /// <summary>Applies the message. Do not commit: the base class saves and commits once, with the inbox claim.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}
