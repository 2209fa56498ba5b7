using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tadamon.Bench;

// Starts the whole platform the way `./tadamon up` does (local PostgreSQL and RabbitMQ, demo data), runs every
// scenario of issue 8, writes bench/RESULTS.md and stops everything.
// Usage: dotnet run -c Release --project bench/Tadamon.Bench [seconds per timed load, default 15] [beneficiaries, default 1000]
//        [AppHost settings as Key=Value ...]
var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 15;
var beneficiaries = args.Length > 1 && int.TryParse(args[1], out var b) ? b : 1000;
// Anything of the form Key=Value goes to the AppHost, e.g. Endpoints:Proxied=true to measure with DCP's proxy.
var appHostArgs = args.Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray();
var proxied = appHostArgs.Any(a => a.Equals("Endpoints:Proxied=true", StringComparison.OrdinalIgnoreCase));
var duration = TimeSpan.FromSeconds(seconds);
var results = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../RESULTS.md"));
// For profiling one scenario (e.g. TADAMON_BENCH_ONLY=checkout with dotnet-trace attached): the others are skipped
// and RESULTS.md is left alone, since it must hold one whole run.
var only = (Environment.GetEnvironmentVariable("TADAMON_BENCH_ONLY") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
bool Runs(string scenario) => only.Length == 0 || only.Contains(scenario, StringComparer.OrdinalIgnoreCase);
// Every figure twice: as `./tadamon up` runs (every trace kept) and with the production profile's trace sampling.
var profiles = new Profile[]
{
    new("as ./tadamon up runs (every trace kept)", []),
    new("production profile (traces sampled 1 in 10)", ["Telemetry:TraceSampleRatio=0.1"]),
}.Where(p => (Environment.GetEnvironmentVariable("TADAMON_BENCH_PROFILES") ?? "up,production").Split(',').Contains(p.Key)).ToArray();
var runs = new List<ProfileRun>();
foreach (var profile in profiles)
{
    Console.WriteLine($"=== {profile.Name}");
    runs.Add(await RunProfileAsync(profile));
}
if (only.Length == 0) await File.WriteAllTextAsync(results, Report.Write(runs, seconds,
[
    "Authentication is by access token only: buyers, beneficiaries and the demo operator and centre manager log in at "
        + "`/api/identity/connect/token` through the gateway; new buyers and beneficiaries register at `/api/identity/accounts/register` first.",
    "The bench lifts the gateway's abuse limits (`Gateway:RateLimits:{login,checkout,pre-registration,webhooks}:PermitLimit`): "
        + "they cap one account or address, and the bench is a few accounts and one address playing thousands of people.",
    proxied ? "Every project runs behind DCP's development proxy (`Endpoints:Proxied=true`)."
        : "Every project listens on its own port, without DCP's development proxy in front of it (`Endpoints:Proxied=false`, "
            + "as `./tadamon up` runs). What the proxy costs is in the tuning table below.",
    .. appHostArgs.Select(a => $"AppHost settings given to this run: `{a}`."),
    "Courier webhooks are signed with the key the AppHost gives shipping (the `courier-webhook-secret` parameter), through the StandardWebhooks package.",
]));
if (only.Length == 0) Console.WriteLine($"wrote {results}");

async Task<ProfileRun> RunProfileAsync(Profile profile)
{
var run = Guid.NewGuid().ToString("N")[..8];

    var state = Directory.CreateTempSubdirectory("tadamon-bench-");
    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(state.FullName, (UnixFileMode)0b111_101_101);
    var coldStart = Stopwatch.StartNew();
    // The dashboard runs, as with `./tadamon up`: operators watch it, and the services' telemetry export to it is part of
    // the cost. Without it every service would keep retrying exports to a port nobody listens on.
    var dashboard = !Environment.GetEnvironmentVariable("TADAMON_BENCH_DASHBOARD").IsFalse();
    var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
    [
        .. dashboard
            ? new[]
            {
                "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                $"ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            }
            : [],
        "Infrastructure:Mode=local",
        // Every project from its Release build output, as `./tadamon up` runs them (no dotnet run beside each).
        "Projects:RunBuilt=true",
        $"Infrastructure:StateDirectory={state.FullName}",
        $"Infrastructure:PostgresPort={FreePort()}",
        $"Infrastructure:RabbitMqPort={FreePort(maximum: 45000)}",
        // The gateway's abuse limits (per login name, account, address) would cap the bench, not the platform.
        .. new[] { "login", "checkout", "pre-registration", "webhooks" }.Select(limit => $"Gateway:RateLimits:{limit}:PermitLimit=1000000"),
        // No DCP proxy in front of each project (a development-loop hop production does not have; see TUNING.md).
        // Endpoints:Proxied=true on the command line measures with it.
        .. proxied ? Array.Empty<string>() : ["Endpoints:Proxied=false"],
        .. appHostArgs,
        .. profile.Settings,
    ], (options, _) => options.DisableDashboard = !dashboard);
    builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)
        // Each resource's own log, and health probes failing while things start, stay out of the bench's output.
        .AddFilter("AppHost.Resources", LogLevel.Critical)
        .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
    // The bench plays the courier too: it signs with whatever key the AppHost gives shipping.
    var courierSecret = await builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "courier-webhook-secret")
        .GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("No courier signing key.");
    await using var app = await builder.BuildAsync();
    await app.StartAsync();
    await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway");
    var coldStartSeconds = coldStart.Elapsed.TotalSeconds;
    Console.WriteLine($"platform healthy after {coldStartSeconds:F1} s");

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    http.Timeout = TimeSpan.FromSeconds(30);
    var gateway = app.GetEndpoint("gateway", "http").ToString().TrimEnd('/');
    var catalog = app.GetEndpoint("catalog", "http").ToString().TrimEnd('/');
    var platform = new Platform(http, gateway);

    // Wait for the demo catalogue, then take one product to fetch.
    string productId = "";
    for (var i = 0; i < 120 && productId.Length == 0; i++)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync($"{catalog}/products?pageSize=10"));
        var items = page.RootElement.GetProperty("items");
        if (items.GetArrayLength() > 0) productId = items[0].GetProperty("id").GetString()!;
        else await Task.Delay(500);
    }
    if (productId.Length == 0) throw new InvalidOperationException("The demo catalogue never appeared.");

    await Task.Delay(TimeSpan.FromSeconds(5)); // let start-up work settle before reading idle memory
    var idle = Processes.Read();

    // 1. Catalogue browse, through the gateway and straight to catalog.
    var browse = new (string Name, string Path)[]
    {
        ("10-item page", "/products?pageSize=10"),
        ("one product", $"/products/{productId}"),
        ("name search", "/products?q=argan&pageSize=10"),
    };
    // Catalog answers anonymous reads from a 5-second output cache, so the rows above are cache hits. The same requests
    // made unique by a throw-away query parameter miss it every time: what the database path costs.
    long cacheBuster = 0;
    string Uncached(string path) => $"{path}{(path.Contains('?') ? '&' : '?')}uncached={Interlocked.Increment(ref cacheBuster)}";
    browse = [.. browse, .. browse.Select(b => ($"{b.Name}, uncached", b.Path))];
    var rows = new List<(LoadResult Gateway, LoadResult Direct)>();
    var cpuPerRequest = new List<(string Gateway, string Direct)>();
    // Warm every path first: measured, the first load otherwise paid catalog's tier-1 JIT and doubled its CPU per answer.
    if (Runs("browse"))
    {
        foreach (var (name, path) in browse)
        {
            await Load.RunAsync($"{name} warm-up", 32, TimeSpan.FromSeconds(3), (_, ct) => Ok(http, $"{gateway}/api/catalog{path}", ct), TimeSpan.Zero);
            await Load.RunAsync($"{name} warm-up", 32, TimeSpan.FromSeconds(3), (_, ct) => Ok(http, $"{catalog}{path}", ct), TimeSpan.Zero);
        }
    }
    foreach (var (name, path) in browse.Where(_ => Runs("browse")))
    {
        Func<string> target = name.EndsWith("uncached", StringComparison.Ordinal) ? () => Uncached(path) : () => path;
        var (viaGateway, gatewayCpu) = await Processes.MeasureAsync(() =>
            Load.RunAsync($"{name} via gateway", 32, duration, (_, ct) => Ok(http, $"{gateway}/api/catalog{target()}", ct), TimeSpan.FromSeconds(3)));
        var (direct, directCpu) = await Processes.MeasureAsync(() =>
            Load.RunAsync($"{name} direct", 32, duration, (_, ct) => Ok(http, $"{catalog}{target()}", ct), TimeSpan.FromSeconds(3)));
        // CPU time per answer holds up better than req/s on a machine shared with other work.
        cpuPerRequest.Add((Processes.PerRequest(gatewayCpu, viaGateway.Requests), Processes.PerRequest(directCpu, direct.Requests)));
        Console.WriteLine($"{name}: gateway {viaGateway.PerSecond:F0}/s p50 {viaGateway.P50Ms:F2} ms CPU/req {cpuPerRequest[^1].Gateway}"
            + $" | direct {direct.PerSecond:F0}/s p50 {direct.P50Ms:F2} ms CPU/req {cpuPerRequest[^1].Direct}");
        rows.Add((viaGateway, direct));
    }
    var listBytes = (await http.GetByteArrayAsync($"{gateway}/api/catalog/products?pageSize=10")).Length;

    // 1b. The market's anonymous pages (server-rendered HTML), through the gateway, as a campaign's visitors reach them.
    var market = new List<(LoadResult Load, string Cpu)>();
    foreach (var (name, path) in new[] { ("market home page /", "/"), ("product list /products", "/products") }.Where(_ => Runs("browse")))
    {
        await Load.RunAsync($"{name} warm-up", 32, TimeSpan.FromSeconds(3), (_, ct) => Ok(http, $"{gateway}{path}", ct), TimeSpan.Zero);
        var (page, cpu) = await Processes.MeasureAsync(() =>
            Load.RunAsync(name, 32, duration, (_, ct) => Ok(http, $"{gateway}{path}", ct), TimeSpan.FromSeconds(3)));
        market.Add((page, Processes.PerRequest(cpu, page.Requests)));
        Console.WriteLine($"{name}: {page.PerSecond:F0}/s p50 {page.P50Ms:F2} p99 {page.P99Ms:F2} ms CPU/req {market[^1].Cpu}");
    }

    await using var ordersDb = new Database((await app.GetConnectionStringAsync("ordersdb"))!);
    await using var shippingDb = new Database((await app.GetConnectionStringAsync("shippingdb"))!);
    await using var enrollmentDb = new Database((await app.GetConnectionStringAsync("enrollmentdb"))!);
    var scenarios = new List<Section>();

    // 2. Checkout burst, then 4. the webhook flood on the shipments it created.
    var checkout = new CheckoutBurst(platform, ordersDb, shippingDb);
    if (Runs("checkout")) scenarios.Add(await ScenarioAsync(CheckoutBurst.Title, async () =>
    {
        await checkout.PrepareAsync(buyers: 32, run);
        return await checkout.RunAsync(concurrency: 32, duration);
    }));
    // The flood reports on the shipments the checkout burst booked: run it with checkout.
    Section? webhookSection = !Runs("webhooks") ? null : await ScenarioAsync(WebhookFlood.Title,
        () => new WebhookFlood(platform, shippingDb, courierSecret).RunAsync(concurrency: 32, maxShipments: 4000));

    // 3. Pre-registration rush.
    if (Runs("preregistration")) scenarios.Add(await ScenarioAsync(PreRegistrationRush.Title, async () =>
    {
        var rush = new PreRegistrationRush(platform, enrollmentDb);
        await rush.PrepareAsync(courses: 5, capacity: 100, beneficiaries, run);
        return await rush.RunAsync(concurrency: 64);
    }));
    if (webhookSection is not null) scenarios.Add(webhookSection);

    var underLoad = Processes.Read();
    if (only.Length > 0) foreach (var section in scenarios) Console.WriteLine($"## {section.Title}\n{section.Markdown}");
    await app.StopAsync();
    try { state.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    return new ProfileRun(profile.Name, coldStartSeconds, rows, cpuPerRequest, market, scenarios, idle, underLoad, listBytes);
    }


// A scenario that cannot finish is reported as such; the others still run and RESULTS.md is still written.
static async Task<Section> ScenarioAsync(string title, Func<Task<Section>> scenario)
{
    try
    {
        return await scenario();
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or TaskCanceledException)
    {
        Console.WriteLine($"{title} did not complete: {ex.Message}");
        return new Section(title, $"**Did not complete:** {ex.Message}\n");
    }
}

static async Task<bool> Ok(HttpClient http, string url, CancellationToken ct)
{
    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
    return response.IsSuccessStatusCode;
}

// RabbitMQ also opens ports derived from its AMQP port (epmd, distribution): keep room above it.
static int FreePort(int maximum = 65535)
{
    while (true)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        if (port <= maximum) return port;
    }
}

/// <summary>One way of running the platform: a name for the report and the AppHost settings that make it.</summary>
public sealed record Profile(string Name, string[] Settings)
{
    public string Key => Settings.Length == 0 ? "up" : "production";
}

/// <summary>What one profile's run measured.</summary>
public sealed record ProfileRun(string Profile, double ColdStartSeconds, List<(LoadResult Gateway, LoadResult Direct)> Browse,
    List<(string Gateway, string Direct)> CpuPerRequest, List<(LoadResult Load, string Cpu)> Market, List<Section> Scenarios,
    IReadOnlyList<Processes.Sample> Idle, IReadOnlyList<Processes.Sample> UnderLoad, int ListBytes);

internal static class Switches
{
    public static bool IsFalse(this string? value) => value is "0" or "false" or "False" or "no";
}
