using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Infrastructure;

internal sealed class CentrePauseConfiguration : IEntityTypeConfiguration<CentrePause>, IEntityTypeConfiguration<PausedCourseChange>
{
    public void Configure(EntityTypeBuilder<CentrePause> pause)
    {
        pause.Property(x => x.Id).ValueGeneratedNever();
        pause.ToTable("centre_pauses", t => t.HasCheckConstraint("ck_centre_pause_dates", "\"Until\" IS NULL OR \"Until\" >= \"From\""));
        pause.Property(p => p.Scope).HasConversion<string>().HasMaxLength(20);
        pause.Property(p => p.CentreType).HasConversion<string>().HasMaxLength(30);
        pause.Property(p => p.Commune).HasMaxLength(100);
        pause.Property(p => p.ReasonAr).HasMaxLength(240);
        pause.Property(p => p.ReasonFr).HasMaxLength(240);
        pause.Property(p => p.CreatedBy).HasMaxLength(100);
        pause.Property(p => p.ResumedBy).HasMaxLength(100);
        pause.Property(p => p.IdempotencyKey).HasMaxLength(100);
        pause.HasIndex(p => p.IdempotencyKey).IsUnique();
        pause.HasIndex(p => p.CreatedAt);
        pause.HasMany(p => p.Courses).WithOne().HasForeignKey(c => c.PauseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PausedCourseChange> change)
    {
        change.ToTable("paused_courses");
        change.HasKey(c => new { c.PauseId, c.CourseId });
        change.Property(c => c.ModeBefore).HasConversion<string>().HasMaxLength(20);
        change.Property(c => c.ModeDuring).HasConversion<string>().HasMaxLength(20);
        change.HasIndex(c => c.CourseId);
        change.Ignore(c => c.Switched);
    }
}
