using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Enrollment;

public static class Extensions
{
    public static IHostApplicationBuilder AddEnrollmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EnrollmentDbContext>("enrollmentdb");
        builder.AddMessaging<EnrollmentDbContext>("enrollment", typeof(Extensions).Assembly);
        builder.Services.AddEnrollmentMetrics();
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        builder.Services.AddScoped<Tadamon.Enrollment.Apis.RequestScope>();
        // Statuses travel as names, so API clients and CSV readers see "Seated", not 0.
        return builder;
    }
}
