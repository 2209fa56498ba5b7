using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Infrastructure;

public sealed class CoursesDbContext(DbContextOptions<CoursesDbContext> options) : DbContext(options)
{
    public DbSet<Centre> Centres => Set<Centre>();
    public DbSet<PartnerAssociation> Associations => Set<PartnerAssociation>();
    public DbSet<Season> Seasons => Set<Season>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Module> Modules => Set<Module>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<LiveClass> LiveClasses => Set<LiveClass>();
    public DbSet<SeatHolder> SeatHolders => Set<SeatHolder>();
    public DbSet<CentrePause> CentrePauses => Set<CentrePause>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoursesDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
