namespace Tadamon.Contracts;

/// <summary>
/// Base of every event that crosses a service boundary. Events are past-tense facts; each carries its own
/// id and the moment it happened, so consumers can order and de-duplicate them.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
