using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Tadamon.TestSupport;

namespace Tadamon.Resilience.Tests;

[CollectionDefinition("resilience")]
public sealed class ResilienceCollection : ICollectionFixture<ResilientPlatform>;

/// <summary>
/// One platform for the whole suite (a start costs about a minute on two cores); each test brings its own products,
/// courses and people's records, so its checks look only at what its own flow did. Few accounts, logged in once.
/// </summary>
public sealed class ResilientPlatform : IAsyncLifetime
{
    public static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications"];
    public const int Replicas = 2;
    public static readonly string[] Databases = ["catalogdb", "ordersdb", "shippingdb", "coursesdb", "enrollmentdb", "settlementdb", "notificationsdb"];

    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("The platform is not started.");
    public DistributedApplication App => Platform.App;
    public Logins Logins { get; private set; } = null!;
    public History History { get; } = new();
    public Gateway Gateway { get; private set; } = null!;

    /// <summary>Demo cooperatives the flow sells for, each with a manager account scoped to it.</summary>
    public IReadOnlyList<(Guid Cooperative, string Manager)> Sellers { get; private set; } = [];
    public IReadOnlyList<string> Buyers { get; } = [Logins.Buyer, "acheteuse.2@resilience.test", "acheteur.3@resilience.test"];
    public IReadOnlyList<string> Beneficiaries { get; } = [.. Enumerable.Range(0, 10).Select(i => $"06{70000000 + i * 1111:D8}")];

    public async Task InitializeAsync()
    {
        // Parcels move one step a second: a delivery takes five seconds instead of fifteen.
        _platform = await RunningPlatform.StartAsync<Projects.AppHost>("resilience", TimeSpan.FromMinutes(8), "Courier:StepInterval=00:00:01",
            // The courier remits every few seconds: statements race the cash news and the faults, as a flood would.
            "Courier:RemittanceCycle=00:00:05",
            // Two copies of each busy service (orders, catalog, shipping, enrollment, courses, web, gateway), as
            // production runs them: a crash kills one copy, and the other must carry its work.
            $"Replicas={Replicas}",
            // SMS at any hour (the suite runs at night too); retries after a gateway outage within seconds.
            "Sms:HoldInQuietHours=false", "Sms:FirstRetryDelay=00:00:01", "Sms:MaxRetryDelay=00:00:04", "Sms:MaxAttempts=20");
        Logins = new Logins(Platform.Gateway);
        Gateway = new Gateway(Platform.Gateway, Logins, History);

        foreach (var buyer in Buyers.Skip(1)) await Logins.RegisterAsync("Acheteur", buyer, null, "buyer");
        foreach (var phone in Beneficiaries) await Logins.RegisterAsync($"Bénéficiaire {phone[^4..]}", null, phone, "beneficiary");
        var sellers = new List<(Guid, string)> { (DemoId("cooperative:1"), Logins.CooperativeManager) };
        foreach (var number in new[] { 2, 3 })
        {
            var manager = $"cooperative{number}@resilience.test";
            await Logins.CreateManagerAsync(manager, "cooperative-manager", DemoId($"cooperative:{number}"));
            sellers.Add((DemoId($"cooperative:{number}"), manager));
        }
        Sellers = sellers;
    }

    public static Guid DemoId(string key) => Microsoft.Extensions.Hosting.DemoIds.Of(key);

    public async Task<string?> ConnectionStringAsync(string database) => await App.GetConnectionStringAsync(database);

    public HttpClient Direct(string resource) => App.CreateHttpClient(resource, "http");

    /// <summary>The process behind one copy (its id) or a resource that runs once (its name), as the snapshot reports it.</summary>
    public int? Pid(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var e)
        && e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), out var pid) ? pid : null;

    public bool IsRunning(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var e) && e.Snapshot.State?.Text == KnownResourceStates.Running;

    /// <summary>The ids of a resource's copies (<c>orders-xyz</c>): two of each scaled-out service, one of the others.</summary>
    public async Task<IReadOnlyList<string>> CopiesAsync(string resource) => [.. (await Platform.CopiesAsync(resource)).Keys];

    /// <summary>Waits for a state of one copy (its id) or of a resource that runs once (its name).</summary>
    public async Task WaitForStateAsync(string resource, Func<string?, bool> state, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await foreach (var e in App.ResourceNotifications.WatchAsync(cts.Token))
        {
            if ((e.ResourceId == resource || e.Resource.Name == resource) && state(e.Snapshot.State?.Text)) return;
        }
    }

    public async Task CommandAsync(string resource, string command)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, command);
        if (!result.Success) throw new InvalidOperationException($"{command} on {resource}: {result.Message}");
    }

    /// <summary>Every service answers its readiness check (database and broker) with 200, and so do the gateway and the courier.</summary>
    public async Task<bool> AllHealthyAsync()
    {
        // The courier sandbox and the gateway too: a fault elsewhere must not take them down with it.
        foreach (var service in Services.Append("courier-sandbox").Append("gateway"))
        {
            if (!await HealthyAsync(service)) return false;
        }
        return true;
    }

    /// <summary>
    /// Whether the service answers its readiness check with 200. Anonymous callers get a report up to five seconds
    /// old, longer than a database restart lasts; with an operator's token (taken before the fault: signing in needs
    /// the database) each call runs the checks afresh.
    /// </summary>
    public async Task<bool> HealthyAsync(string service, string? operatorToken = null)
    {
        try
        {
            using var http = Direct(service);
            http.Timeout = TimeSpan.FromSeconds(5);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            if (operatorToken is not null) request.WithToken(operatorToken);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException) { return false; }
    }

    /// <summary>Waits until every service is healthy again; returns how long that took.</summary>
    public async Task<TimeSpan> RecoveryAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await AllHealthyAsync())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"The platform was not healthy again within {timeout}.");
            await Task.Delay(250);
        }
        return clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
