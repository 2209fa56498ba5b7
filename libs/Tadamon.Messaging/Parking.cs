using MassTransit;

namespace Tadamon.Messaging;

/// <summary>
/// Puts a message that can never be applied into its queue's <c>_error</c> queue, with the fault headers MassTransit
/// itself would write, so the dead-letters API lists it and a replay sends it back to the queue it came from.
/// </summary>
internal static class Parking
{
    public static Task ParkAsync<T>(ConsumeContext<T> context, string error, string? exceptionType, CancellationToken ct)
        where T : class =>
        ParkAsync(context, context.ReceiveContext.InputAddress, context.Message, typeof(T),
            InboxConsumer<T, Microsoft.EntityFrameworkCore.DbContext>.MessageIdOf(context), error, exceptionType, ct);

    public static async Task ParkAsync(
        ISendEndpointProvider sender, Uri inputQueue, object message, Type messageType, Guid messageId,
        string error, string? exceptionType, CancellationToken ct)
    {
        // "queue:" makes MassTransit declare the queue and bind it: the _error queue may not exist yet.
        var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{QueueName(inputQueue)}_error"));
        await endpoint.Send(message, messageType, send =>
        {
            send.MessageId = messageId;
            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-Message", error.Length > 2000 ? error[..2000] : error);
            send.Headers.Set("MT-Fault-ExceptionType", exceptionType ?? "");
            send.Headers.Set("MT-Fault-Timestamp", DateTimeOffset.UtcNow.ToString("O"));
        }, ct);
    }

    /// <summary>The queue's own name, the last segment of a receive endpoint's address.</summary>
    public static string QueueName(Uri inputAddress) => inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
