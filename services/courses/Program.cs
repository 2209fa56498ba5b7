using Tadamon.Courses;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCoursesServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCentresApi();
app.MapSeasonsApi();
app.MapCoursesApi();
app.MapOutlineApi();
app.MapLiveClassesApi();

await app.MigrateDatabaseAsync<CoursesDbContext>(app.Configuration.GetValue("Seed:Demo", false) ? DemoData.SeedAsync : null);
app.Run();
