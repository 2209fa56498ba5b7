using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Infrastructure;

public sealed class EnrollmentDbContext(DbContextOptions<EnrollmentDbContext> options) : DbContext(options)
{
    public DbSet<CourseSeats> CourseSeats => Set<CourseSeats>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnrollmentDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
