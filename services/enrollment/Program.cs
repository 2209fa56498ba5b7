using Tadamon.Enrollment;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEnrollmentServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapPreRegistrationsApi();
app.MapDecisionsApi();
app.MapEnrollmentsApi();
app.MapLearningApi();
app.MapCertificatesApi();
app.MapNotificationsApi();
app.MapCentreViewsApi();
app.MapCentrePauseBannersApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<EnrollmentDbContext>(DemoCertificate.SeedAsync)) return;
app.Run();
