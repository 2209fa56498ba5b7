using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Courses;

public static class Extensions
{
    public static IHostApplicationBuilder AddCoursesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CoursesDbContext>("coursesdb");
        builder.AddMessaging<CoursesDbContext>("courses", typeof(Extensions).Assembly);
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        builder.Services.AddScoped<Tadamon.Courses.Apis.RequestContext>();
        // Types and modes travel as their names: readable in the API and stable if the enums grow.
        return builder;
    }
}
