using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Tadamon.Messaging;

/// <summary>
/// Keeps one business flow one trace when messages are handled in batches. MassTransit runs a batch under the last
/// message's activity; each message's own trace parent travels in its <c>MT-Activity-Id</c> header. While a message is
/// handled, its consume span (when sampled) or at least its trace parent is current, so the events it raises are
/// written to the outbox with the trace of the flow they belong to.
/// </summary>
public static class MessageTrace
{
    private static readonly ActivitySource Source = new(ServiceDefaultsExtensions.TadamonActivitySource);
    private static readonly AsyncLocal<string?> Parent = new();

    /// <summary>The trace parent the outbox records for an event raised now.</summary>
    internal static string? Current => Parent.Value ?? Activity.Current?.Id;

    /// <summary>Makes <paramref name="message"/>'s trace current until disposed. Call it from the loop that handles the message.</summary>
    public static IDisposable Of<T>(ConsumeContext<T> message) where T : class
    {
        // MassTransit sends the publisher's activity id (W3C) in MT-Activity-Id.
        var parentId = message.Headers.Get<string>("MT-Activity-Id") ?? message.Headers.Get<string>("traceparent");
        var previous = Parent.Value;
        var activity = parentId is null ? null : Source.StartActivity($"consume {typeof(T).Name}", ActivityKind.Consumer, parentId);
        Parent.Value = activity?.Id ?? parentId;
        return new Scope(activity, previous);
    }

    private sealed class Scope(Activity? activity, string? previous) : IDisposable
    {
        public void Dispose()
        {
            activity?.Dispose();
            Parent.Value = previous;
        }
    }
}
