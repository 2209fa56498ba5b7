using Tadamon.SmsSandbox;

// Stands in for a Moroccan SMS gateway on a developer's machine: no database, messages live in memory.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<SandboxOptions>().BindConfiguration("Sandbox");
builder.Services.AddSingleton<Handset>();
builder.Services.AddSingleton<CallbackSender>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CallbackSender>());
builder.Services.AddHttpClient(CallbackSender.ClientName);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGatewayApi();
app.MapSandboxControl();
app.Run();
