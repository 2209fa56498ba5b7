using System.Data.Common;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tadamon.Messaging;

/// <summary>Wakes the dispatcher as soon as a transaction with new outbox rows commits.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Notifications before the dispatcher wakes collapse into one: it drains everything pending anyway.
        try { _pending.Release(); } catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}

/// <summary>
/// Notices outbox rows being saved and signals once they are durable: right after <c>SaveChanges</c> when it
/// ran its own transaction, or when the caller's explicit transaction commits.
/// </summary>
internal sealed class OutboxSaveChangesInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts holding saved but not yet committed outbox rows. Contexts are pooled, so the keys are few and reused;
    // a ConditionalWeakTable here was one lock every save in the service queued on (dotnet-trace, bench/TUNING.md).
    // A mark left by a transaction disposed without commit or rollback only costs one early dispatcher round later.
    private readonly ConcurrentDictionary<DbContext, bool> _awaitingCommit = new(ReferenceEqualityComparer.Instance);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _awaitingCommit.TryRemove(context, out _)) signal.Notify();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) _awaitingCommit.TryRemove(context, out _);
    }

    private void Mark(DbContext? context)
    {
        if (context is null) return;
        // Outbox rows are only ever added, which tracks them at once: no need for the change detection Entries()
        // would run here, on top of the one SaveChanges runs anyway.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)) _awaitingCommit[context] = true;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void NotifyUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && _awaitingCommit.TryRemove(context, out _))
        {
            signal.Notify();
        }
    }
}
