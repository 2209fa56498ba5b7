using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts;

namespace Tadamon.Messaging;

public static class DbContextOutboxExtensions
{
    /// <summary>
    /// Queues an event in the outbox. It is written by the next <c>SaveChanges</c>, in the same transaction as
    /// the change that raised it, and published right after commit.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IntegrationEvent @event) =>
        db.Set<OutboxMessage>().Add(EventTypes.ToOutboxMessage(@event));
}
