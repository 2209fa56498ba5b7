using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Enrollment;

public static class Extensions
{
    public static IHostApplicationBuilder AddEnrollmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EnrollmentDbContext>("enrollmentdb");
        builder.AddMessaging<EnrollmentDbContext>("enrollment", typeof(Extensions).Assembly);
        return builder;
    }
}
