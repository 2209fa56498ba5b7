using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Infrastructure;

internal sealed class CourseSeatsConfiguration : IEntityTypeConfiguration<CourseSeats>
{
    public void Configure(EntityTypeBuilder<CourseSeats> seats)
    {
        seats.ToTable("course_seats", t => t.HasCheckConstraint("ck_seats_within_capacity", "\"SeatsTaken\" >= 0"));
        seats.HasKey(s => s.CourseId);
        seats.Property(s => s.CourseId).ValueGeneratedNever();
    }
}
