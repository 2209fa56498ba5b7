using MassTransit;

namespace Tadamon.Messaging;

/// <summary>
/// Marks a consumer that every replica of the service runs on every message (evicting a cache each replica keeps),
/// where other consumers compete, one replica per message. It needs no inbox: applying a copy twice changes nothing.
/// </summary>
public interface IConsumedByEveryReplica : IConsumer;

internal static class ReplicaQueue
{
    public static bool IsFor(Type consumer) => typeof(IConsumedByEveryReplica).IsAssignableFrom(consumer);

    /// <summary>A queue name of this process alone: the service's name, then a random part.</summary>
    public static string NameFor(string serviceName) => $"{serviceName}-replica-{Guid.NewGuid():N}";
}
