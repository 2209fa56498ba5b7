namespace Tadamon.Messaging;

/// <summary>
/// An integration event waiting to be published. The row is written in the same transaction as the
/// business change that raised the event, so the event exists exactly when the change does.
/// Its id is the event's id and becomes the broker message id, which is what consumers' inboxes key on.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set when the row can never be published as it is: it waits for an operator and blocks nothing.</summary>
    public DateTimeOffset? ParkedAt { get; set; }
    /// <summary>W3C traceparent of the request that raised the event, so the publish joins its trace.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>A message this service's consumer has already handled; its key makes redelivery harmless.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
