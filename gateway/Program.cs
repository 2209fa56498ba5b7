using Tadamon.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseCors();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapReverseProxy();
app.Run();
