using System.Collections.Concurrent;
using System.Text.Json;
using Tadamon.Contracts;

namespace Tadamon.Messaging;

/// <summary>Turns integration events into outbox rows and back.</summary>
internal static class EventTypes
{
    private static readonly ConcurrentDictionary<string, Type> Resolved = new();
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Resolved.GetOrAdd(name, n => Type.GetType(n, throwOnError: false)
            ?? throw new InvalidOperationException($"Outbox row names an unknown event type '{n}'."));

    public static OutboxMessage ToOutboxMessage(IntegrationEvent @event) => new()
    {
        Id = @event.EventId,
        Type = NameOf(@event.GetType()),
        Payload = JsonSerializer.Serialize(@event, @event.GetType(), Json),
        CreatedAt = DateTimeOffset.UtcNow,
        TraceParent = MessageTrace.Current,
    };

    public static object FromOutboxMessage(OutboxMessage row) =>
        JsonSerializer.Deserialize(row.Payload, Resolve(row.Type), Json)
        ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty payload.");
}
