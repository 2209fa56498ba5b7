using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Courses;

public static class Extensions
{
    public static IHostApplicationBuilder AddCoursesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CoursesDbContext>("coursesdb");
        builder.AddMessaging<CoursesDbContext>("courses", typeof(Extensions).Assembly);
        return builder;
    }
}
