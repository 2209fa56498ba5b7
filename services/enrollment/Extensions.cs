using System.Text.Json.Serialization;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Enrollment;

public static class Extensions
{
    public static IHostApplicationBuilder AddEnrollmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EnrollmentDbContext>("enrollmentdb");
        builder.AddMessaging<EnrollmentDbContext>("enrollment", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees endpoints of the assembly that calls AddValidation: calling it
        // here (besides ServiceDefaults) is what makes the DataAnnotations on this service's requests answer 400.
        builder.Services.AddValidation();
        builder.Services.AddScoped<Tadamon.Enrollment.Apis.RequestScope>();
        // Statuses travel as names, so API clients and CSV readers see "Seated", not 0.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
