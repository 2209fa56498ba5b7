using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Infrastructure;

internal sealed class CooperativeProfileCopyConfiguration : IEntityTypeConfiguration<CooperativeProfileCopy>
{
    public void Configure(EntityTypeBuilder<CooperativeProfileCopy> profile)
    {
        profile.ToTable("cooperative_profiles");
        profile.HasKey(p => p.CooperativeId);
        profile.Property(p => p.Region).HasMaxLength(40);
        profile.Property(p => p.SellerType).HasMaxLength(30);
        profile.Property(p => p.ValueChain).HasMaxLength(40);
        profile.Property(p => p.Programme).HasMaxLength(40);
    }
}

internal sealed class SupportActionCopyConfiguration : IEntityTypeConfiguration<SupportActionCopy>
{
    public void Configure(EntityTypeBuilder<SupportActionCopy> action)
    {
        action.ToTable("support_actions");
        action.HasKey(a => a.SupportActionId);
        action.Property(a => a.Kind).HasMaxLength(30);
        action.HasIndex(a => a.CooperativeId);
    }
}
