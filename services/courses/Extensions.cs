using System.Text.Json.Serialization;
using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Courses;

public static class Extensions
{
    public static IHostApplicationBuilder AddCoursesServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CoursesDbContext>("coursesdb");
        builder.AddMessaging<CoursesDbContext>("courses", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees endpoints of the assembly that calls AddValidation: calling it
        // here (besides ServiceDefaults) is what makes the DataAnnotations on this service's requests answer 400.
        builder.Services.AddValidation();
        builder.Services.AddScoped<Tadamon.Courses.Apis.RequestContext>();
        // Types and modes travel as their names: readable in the API and stable if the enums grow.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
