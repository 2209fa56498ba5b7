using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Infrastructure;

internal sealed class CentreConfiguration : IEntityTypeConfiguration<Centre>
{
    public void Configure(EntityTypeBuilder<Centre> centre)
    {
        centre.ToTable("centres");
        centre.Property(c => c.NameAr).HasMaxLength(200);
        centre.Property(c => c.NameFr).HasMaxLength(200);
        centre.Property(c => c.Province).HasMaxLength(100);
        centre.Property(c => c.Commune).HasMaxLength(100);
        centre.Property(c => c.Type).HasConversion<string>().HasMaxLength(30);
        centre.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
    }
}
