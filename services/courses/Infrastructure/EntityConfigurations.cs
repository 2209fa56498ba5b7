using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Infrastructure;

internal sealed class CentreConfiguration : IEntityTypeConfiguration<Centre>
{
    public void Configure(EntityTypeBuilder<Centre> centre)
    {
        centre.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        centre.ToTable("centres");
        centre.Property(c => c.NameAr).HasMaxLength(200);
        centre.Property(c => c.NameFr).HasMaxLength(200);
        centre.Property(c => c.Province).HasMaxLength(100);
        centre.Property(c => c.Commune).HasMaxLength(100);
        centre.Property(c => c.Address).HasMaxLength(300);
        centre.Property(c => c.Phone).HasMaxLength(20);
        centre.Property(c => c.Email).HasMaxLength(200);
        centre.Property(c => c.Type).HasConversion<string>().HasMaxLength(30);
        centre.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        centre.HasOne<PartnerAssociation>().WithMany().HasForeignKey(c => c.AssociationId).OnDelete(DeleteBehavior.Restrict);
        centre.HasIndex(c => c.AssociationId);
    }
}

internal sealed class PartnerAssociationConfiguration : IEntityTypeConfiguration<PartnerAssociation>
{
    public void Configure(EntityTypeBuilder<PartnerAssociation> association)
    {
        association.Property(x => x.Id).ValueGeneratedNever();
        association.ToTable("partner_associations");
        association.Property(a => a.NameAr).HasMaxLength(200);
        association.Property(a => a.NameFr).HasMaxLength(200);
        association.Property(a => a.RegistrationNumber).HasMaxLength(50);
        association.HasIndex(a => a.RegistrationNumber).IsUnique();
        association.Property(a => a.ContactName).HasMaxLength(120);
        association.Property(a => a.Phone).HasMaxLength(20);
        association.Property(a => a.Email).HasMaxLength(200);
    }
}

internal sealed class SeasonConfiguration : IEntityTypeConfiguration<Season>
{
    public void Configure(EntityTypeBuilder<Season> season)
    {
        season.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        season.ToTable("seasons", t => t.HasCheckConstraint("ck_season_dates", "\"ClosesOn\" >= \"OpensOn\""));
        season.Property(s => s.Label).HasMaxLength(20);
        season.HasIndex(s => s.Label).IsUnique();
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> course)
    {
        course.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        course.ToTable("courses", t =>
        {
            t.HasCheckConstraint("ck_course_capacity", "\"Capacity\" >= 1");
            t.HasCheckConstraint("ck_course_ages", "\"MinAge\" >= 0 AND \"MaxAge\" >= \"MinAge\"");
        });
        course.Property(c => c.TitleAr).HasMaxLength(200);
        course.Property(c => c.TitleFr).HasMaxLength(200);
        course.Property(c => c.DescriptionAr).HasMaxLength(4000);
        course.Property(c => c.DescriptionFr).HasMaxLength(4000);
        course.Property(c => c.ScheduleAr).HasMaxLength(300);
        course.Property(c => c.ScheduleFr).HasMaxLength(300);
        course.Property(c => c.Mode).HasConversion<string>().HasMaxLength(20);
        course.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        course.HasOne<Centre>().WithMany().HasForeignKey(c => c.CentreId);
        course.HasOne<Season>().WithMany().HasForeignKey(c => c.SeasonId);
        course.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        course.HasIndex(c => new { c.CentreId, c.Status });
    }
}

internal sealed class ModuleConfiguration : IEntityTypeConfiguration<Module>
{
    public void Configure(EntityTypeBuilder<Module> module)
    {
        module.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        module.ToTable("modules");
        module.Property(m => m.TitleAr).HasMaxLength(200);
        module.Property(m => m.TitleFr).HasMaxLength(200);
        module.HasMany(m => m.Lessons).WithOne().HasForeignKey(l => l.ModuleId).OnDelete(DeleteBehavior.Cascade);
        module.HasIndex(m => new { m.CourseId, m.Position });
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> lesson)
    {
        lesson.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        lesson.ToTable("lessons", t =>
        {
            t.HasCheckConstraint("ck_lesson_minutes", "\"EstimatedMinutes\" >= 1");
            t.HasCheckConstraint("ck_lesson_captions_language", "\"CaptionsLanguage\" IS NULL OR \"CaptionsLanguage\" IN ('ar', 'fr')");
        });
        lesson.Property(l => l.TitleAr).HasMaxLength(200);
        lesson.Property(l => l.TitleFr).HasMaxLength(200);
        lesson.Property(l => l.ContentAr).HasMaxLength(20000);
        lesson.Property(l => l.ContentFr).HasMaxLength(20000);
        lesson.Property(l => l.MediaUrl).HasMaxLength(500);
        lesson.Property(l => l.CaptionsUrl).HasMaxLength(500);
        lesson.Property(l => l.CaptionsLanguage).HasMaxLength(2);
        lesson.Property(l => l.DocumentUrl).HasMaxLength(500);
        lesson.HasIndex(l => new { l.ModuleId, l.Position });
    }
}

internal sealed class LiveClassConfiguration : IEntityTypeConfiguration<LiveClass>
{
    public void Configure(EntityTypeBuilder<LiveClass> live)
    {
        live.Property(x => x.Id).ValueGeneratedNever(); // ids come from the model: new children found through navigations are inserted
        live.ToTable("live_classes");
        live.Property(l => l.TitleAr).HasMaxLength(200);
        live.Property(l => l.TitleFr).HasMaxLength(200);
        live.Property(l => l.Teacher).HasMaxLength(200);
        live.Property(l => l.JoinUrl).HasMaxLength(500);
        live.Property(l => l.AccessCode).HasMaxLength(50);
        live.Property(l => l.CancellationReason).HasMaxLength(500);
        live.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        live.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId);
        live.HasIndex(l => new { l.CourseId, l.StartsAt });
    }
}

internal sealed class SeatHolderConfiguration : IEntityTypeConfiguration<SeatHolder>
{
    public void Configure(EntityTypeBuilder<SeatHolder> seat)
    {
        seat.ToTable("seat_holders");
        seat.HasKey(s => new { s.CourseId, s.BeneficiaryId });
        seat.Property(s => s.BeneficiaryId).HasMaxLength(100);
    }
}
