using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tadamon.Bench;

// Starts the whole platform the way `./tadamon up` does (local PostgreSQL and RabbitMQ, demo data), measures,
// writes bench/RESULTS.md and stops everything. Usage: dotnet run -c Release --project bench/Tadamon.Bench [seconds]
var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 15;
var duration = TimeSpan.FromSeconds(seconds);
var results = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../RESULTS.md"));

var state = Directory.CreateTempSubdirectory("tadamon-bench-");
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(state.FullName, (UnixFileMode)0b111_101_101);
var coldStart = Stopwatch.StartNew();
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
[
    "Infrastructure:Mode=local",
    $"Infrastructure:StateDirectory={state.FullName}",
    "Infrastructure:PostgresPort=17432",
    "Infrastructure:RabbitMqPort=17673",
]);
builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)
    .AddFilter("AppHost.Resources", LogLevel.Warning)); // each resource's own log stays in its resource
await using var app = await builder.BuildAsync();
await app.StartAsync();
await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway");
var coldStartSeconds = coldStart.Elapsed.TotalSeconds;
Console.WriteLine($"platform healthy after {coldStartSeconds:F1} s");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
var gateway = app.GetEndpoint("gateway", "http").ToString().TrimEnd('/');
var catalog = app.GetEndpoint("catalog", "http").ToString().TrimEnd('/');

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

var browse = new (string Name, string Path)[]
{
    ("10-item page", "/products?pageSize=10"),
    ("one product", $"/products/{productId}"),
    ("name search", "/products?q=argan&pageSize=10"),
};
var rows = new List<(LoadResult Gateway, LoadResult Direct)>();
foreach (var (name, path) in browse)
{
    var viaGateway = await Load.RunAsync($"{name} via gateway", 32, duration, (_, ct) => Ok(http, $"{gateway}/api/catalog{path}", ct), TimeSpan.FromSeconds(3));
    var direct = await Load.RunAsync($"{name} direct", 32, duration, (_, ct) => Ok(http, $"{catalog}{path}", ct), TimeSpan.FromSeconds(3));
    Console.WriteLine($"{name}: gateway {viaGateway.PerSecond:F0}/s p50 {viaGateway.P50Ms:F2} ms | direct {direct.PerSecond:F0}/s p50 {direct.P50Ms:F2} ms");
    rows.Add((viaGateway, direct));
}
var underLoad = Processes.Read();
var listBytes = (await http.GetByteArrayAsync($"{gateway}/api/catalog/products?pageSize=10")).Length;

await File.WriteAllTextAsync(results, Report.Write(coldStartSeconds, rows, idle, underLoad, listBytes, seconds));
Console.WriteLine($"wrote {results}");
await app.StopAsync();
try { state.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }

static async Task<bool> Ok(HttpClient http, string url, CancellationToken ct)
{
    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
    return response.IsSuccessStatusCode;
}
