using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Infrastructure;

internal sealed class ProgrammeMembershipConfiguration : IEntityTypeConfiguration<ProgrammeMembership>
{
    public void Configure(EntityTypeBuilder<ProgrammeMembership> membership)
    {
        membership.ToTable("programme_memberships");
        membership.HasKey(m => m.CooperativeId);
        membership.HasOne<Cooperative>().WithOne().HasForeignKey<ProgrammeMembership>(m => m.CooperativeId);
        membership.Property(m => m.Programme).HasMaxLength(40);
        membership.Property(m => m.ValueChain).HasMaxLength(40);
        membership.Property(m => m.DiagnosisNote).HasMaxLength(2000);
        membership.Property(m => m.RecordedBy).HasMaxLength(100);
        membership.HasIndex(m => new { m.Programme, m.ValueChain });
    }
}

internal sealed class SupportActionConfiguration : IEntityTypeConfiguration<SupportAction>
{
    public void Configure(EntityTypeBuilder<SupportAction> action)
    {
        action.ToTable("support_actions");
        action.HasOne<ProgrammeMembership>().WithMany().HasForeignKey(a => a.CooperativeId);
        action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        action.Property(a => a.CostMad).HasPrecision(12, 2);
        action.Property(a => a.Notes).HasMaxLength(2000);
        action.Property(a => a.RecordedBy).HasMaxLength(100);
        action.HasIndex(a => new { a.CooperativeId, a.On });
    }
}
