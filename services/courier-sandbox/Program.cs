using Tadamon.CourierSandbox;

// Stands in for the partner courier on a developer's machine: no database, parcels live in memory.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<SandboxOptions>().BindConfiguration("Sandbox");
builder.Services.AddSingleton<ParcelStore>();
builder.Services.AddSingleton<WebhookSender>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
builder.Services.AddSingleton<ParcelClock>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ParcelClock>());
// Short transient retries come from the service defaults; the sandbox's own backoff covers longer outages.
builder.Services.AddHttpClient(WebhookSender.ClientName);
builder.AddRemittances();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSandboxApi();
app.MapRemittanceControl();
app.Run();
