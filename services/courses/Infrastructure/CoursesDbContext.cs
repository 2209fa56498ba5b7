using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Infrastructure;

public sealed class CoursesDbContext(DbContextOptions<CoursesDbContext> options) : DbContext(options)
{
    public DbSet<Centre> Centres => Set<Centre>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoursesDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
