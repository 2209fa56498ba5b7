using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Infrastructure;

public sealed class SettlementDbContext(DbContextOptions<SettlementDbContext> options) : DbContext(options)
{
    public DbSet<LedgerAccount> Accounts => Set<LedgerAccount>();
    public DbSet<JournalEntry> Entries => Set<JournalEntry>();
    public DbSet<JournalLine> Lines => Set<JournalLine>();
    public DbSet<OrderCopy> Orders => Set<OrderCopy>();
    public DbSet<Parcel> Parcels => Set<Parcel>();
    public DbSet<Remittance> Remittances => Set<Remittance>();
    public DbSet<RemittanceLine> RemittanceLines => Set<RemittanceLine>();
    public DbSet<Discrepancy> Discrepancies => Set<Discrepancy>();
    public DbSet<PayoutBatch> PayoutBatches => Set<PayoutBatch>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<CooperativeProfileCopy> CooperativeProfiles => Set<CooperativeProfileCopy>();
    public DbSet<SupportActionCopy> SupportActions => Set<SupportActionCopy>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SettlementDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }

    /// <summary>
    /// Saves, and moves each account's maintained balance by the new lines in the same transaction. The increment is
    /// one atomic statement (accounts in code order, so two writers never wait on each other in a cycle): two
    /// replicas posting to the bank at once both count.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var moves = ChangeTracker.Entries<JournalLine>().Where(e => e.State == EntityState.Added)
            .GroupBy(e => e.Entity.AccountCode, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Delta: g.Sum(e => e.Entity.AmountMad)))
            .OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
        if (moves.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var codes = moves.Select(m => m.Code).ToArray();
            var deltas = moves.Select(m => m.Delta).ToArray();
            await Database.ExecuteSqlAsync($"""
                INSERT INTO ledger_accounts (code, balance_mad)
                SELECT code, delta FROM unnest({codes}::text[], {deltas}::numeric[]) AS m(code, delta)
                ON CONFLICT (code) DO UPDATE SET balance_mad = ledger_accounts.balance_mad + EXCLUDED.balance_mad
                """, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Serialises the steps that match parcels with remittance lines (reconciliation, cash recorded, payout runs)
    /// for the rest of the transaction: two of them interleaved could each miss the other's half of a match.
    /// </summary>
    public Task LockReconciliationAsync(CancellationToken ct) =>
        Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1616001)", ct);
}
