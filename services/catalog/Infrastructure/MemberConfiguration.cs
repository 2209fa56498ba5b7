using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Infrastructure;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<CooperativeMember>, IEntityTypeConfiguration<MemberCertificate>
{
    public void Configure(EntityTypeBuilder<CooperativeMember> member)
    {
        member.ToTable("cooperative_members");
        member.Property(m => m.DisplayName).HasMaxLength(200);
        member.Property(m => m.InvitationCode).HasMaxLength(20);
        member.Property(m => m.InvitedBy).HasMaxLength(100);
        member.Property(m => m.BeneficiaryId).HasMaxLength(100);
        member.Property(m => m.EndedBy).HasConversion<string>().HasMaxLength(20);
        member.HasIndex(m => m.InvitationCode).IsUnique();
        member.HasIndex(m => m.CooperativeId);
        // One current membership per person and cooperative, whatever races: a second consent is refused here.
        member.HasIndex(m => new { m.CooperativeId, m.BeneficiaryId }).IsUnique()
            .HasFilter("\"BeneficiaryId\" IS NOT NULL AND \"LeftAt\" IS NULL").HasDatabaseName("IX_cooperative_members_current");
        member.HasIndex(m => m.BeneficiaryId);
    }

    public void Configure(EntityTypeBuilder<MemberCertificate> certificate)
    {
        certificate.ToTable("member_certificates");
        certificate.HasKey(c => c.Code);
        certificate.Property(c => c.Code).HasMaxLength(20);
        certificate.Property(c => c.BeneficiaryId).HasMaxLength(100);
        certificate.Property(c => c.CourseTitleAr).HasMaxLength(200);
        certificate.Property(c => c.CourseTitleFr).HasMaxLength(200);
        certificate.HasIndex(c => c.BeneficiaryId);
    }
}
