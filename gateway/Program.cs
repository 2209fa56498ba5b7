using Tadamon.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();
builder.AddRateLimits();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseCors();
app.MapDefaultEndpoints();
app.UseRateLimits();
app.MapApiReference();
app.MapReverseProxy(proxy => proxy.UseBodyLimits().UseSessionAffinity().UseLoadBalancing().UsePassiveHealthChecks());
app.Run();
