using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Infrastructure;

internal sealed class CentrePauseBannerConfiguration : IEntityTypeConfiguration<CentrePauseBanner>
{
    public void Configure(EntityTypeBuilder<CentrePauseBanner> banner)
    {
        banner.ToTable("centre_pause_banners");
        banner.HasKey(b => new { b.PauseId, b.CentreId });
        banner.Property(b => b.CentreNameAr).HasMaxLength(200);
        banner.Property(b => b.CentreNameFr).HasMaxLength(200);
        banner.Property(b => b.ReasonAr).HasMaxLength(240);
        banner.Property(b => b.ReasonFr).HasMaxLength(240);
        banner.HasIndex(b => new { b.CentreId, b.ResumedAt });
    }
}
