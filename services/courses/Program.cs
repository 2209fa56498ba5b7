using Tadamon.Courses;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCoursesServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapCentresApi();
app.MapAssociationsApi();
app.MapSeasonsApi();
app.MapCoursesApi();
app.MapOutlineApi();
app.MapLiveClassesApi();
app.MapCentrePausesApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<CoursesDbContext>(DemoData.SeedAsync)) return;
app.Run();
