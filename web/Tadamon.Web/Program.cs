using Tadamon.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebFrontends();

var app = builder.Build();
app.UseWebFrontends();
app.Run();
