using Tadamon.Enrollment;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEnrollmentServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCourseSeatsApi();

await app.MigrateDatabaseAsync<EnrollmentDbContext>();
app.Run();
