using MassTransit;
using Tadamon.Messaging.DeadLetters;

namespace Tadamon.Messaging;

/// <summary>
/// Puts a message that can never be applied into its queue's <c>_error</c> queue, with the fault headers MassTransit
/// itself would write, so the dead-letters API lists it and a replay sends it back to the queue it came from.
/// </summary>
internal static class Parking
{
    public static Task ParkAsync<T>(ConsumeContext<T> context, DeadLetterQueues deadLetters, string error, string? exceptionType, CancellationToken ct)
        where T : class =>
        ParkAsync(context, deadLetters, context.ReceiveContext.InputAddress, context.Message, typeof(T),
            InboxConsumer<T, Microsoft.EntityFrameworkCore.DbContext>.MessageIdOf(context), error, exceptionType, ct);

    public static async Task ParkAsync(
        ISendEndpointProvider sender, DeadLetterQueues deadLetters, Uri inputQueue, object message, Type messageType, Guid messageId,
        string error, string? exceptionType, CancellationToken ct)
    {
        // The _error queue may not exist yet. MassTransit would declare a "queue:" address as a classic queue, which a
        // quorum _error queue refuses: it is declared here as the bus declares its queues, then reached through its
        // exchange, which declares nothing but that exchange.
        var errorQueue = await deadLetters.EnsureErrorQueueAsync(QueueName(inputQueue), ct);
        var endpoint = await sender.GetSendEndpoint(new Uri($"exchange:{errorQueue}"));
        await endpoint.Send(message, messageType, send =>
        {
            send.MessageId = messageId;
            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-Message", error.Length > 2000 ? error[..2000] : error);
            send.Headers.Set("MT-Fault-ExceptionType", exceptionType ?? "");
            send.Headers.Set("MT-Fault-Timestamp", DateTimeOffset.UtcNow.ToString("O"));
        }, ct);
    }

    /// <summary>
    /// A consumer's own queue is reached through its exchange (same name, bound by the bus): a "queue:" address would
    /// declare it again, as a classic queue, which a quorum queue refuses. Rows stored as "queue:" are read this way too.
    /// </summary>
    public static Uri OwnQueue(string destination) =>
        new(destination.StartsWith("queue:", StringComparison.Ordinal) ? "exchange:" + destination["queue:".Length..] : destination);

    /// <summary>The queue's own name, the last segment of a receive endpoint's address.</summary>
    public static string QueueName(Uri inputAddress) => inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
