using System.Collections.Concurrent;
using System.Reflection;

namespace Tadamon.Messaging;

/// <summary>
/// The business ids a message is about (order, pre-registration, shipment, enrollment, course), as a logging scope:
/// every log line a consumer writes carries them, so an operator filters the logs by one order or one person.
/// </summary>
internal static class LogScopes
{
    private static readonly string[] Ids = ["OrderId", "PurchaseId", "ShipmentId", "PreRegistrationId", "EnrollmentId", "CourseId"];
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static Dictionary<string, object?> For(object message, Guid messageId)
    {
        var scope = new Dictionary<string, object?> { ["MessageId"] = messageId, ["MessageType"] = message.GetType().Name };
        foreach (var property in Properties.GetOrAdd(message.GetType(), t => [.. t.GetProperties().Where(p => Ids.Contains(p.Name))]))
        {
            scope[property.Name] = property.GetValue(message);
        }
        return scope;
    }
}
