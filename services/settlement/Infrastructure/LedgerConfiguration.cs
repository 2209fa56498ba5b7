using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Infrastructure;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> account)
    {
        account.ToTable("ledger_accounts");
        account.HasKey(a => a.Code);
        account.Property(a => a.Code).HasColumnName("code").HasMaxLength(60);
        // Written only by SettlementDbContext's atomic increment, never by EF's change tracking.
        account.Property(a => a.BalanceMad).HasColumnName("balance_mad").HasPrecision(14, 2);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> entry)
    {
        entry.ToTable("journal_entries");
        entry.Property(e => e.SourceId).HasMaxLength(120);
        entry.Property(e => e.Kind).HasMaxLength(40);
        entry.Property(e => e.Description).HasMaxLength(300);
        // Each source posts once, whatever the retries, copies and replicas.
        entry.HasIndex(e => e.SourceId).IsUnique();
        entry.HasIndex(e => e.PostedAt);
        entry.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> line)
    {
        line.ToTable("journal_lines");
        line.Property(l => l.AccountCode).HasMaxLength(60);
        line.Property(l => l.AmountMad).HasPrecision(14, 2);
        line.HasOne<LedgerAccount>().WithMany().HasForeignKey(l => l.AccountCode);
        line.HasIndex(l => l.AccountCode);
    }
}
