using Aspire.Hosting;
using Tadamon.TestSupport;
using Xunit;

// The two platforms run one after the other: side by side on two cores, each starved the other into timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Tadamon.EndToEnd.Tests;

[CollectionDefinition("platform")]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

[CollectionDefinition("replicas")]
public sealed class ReplicasCollection : ICollectionFixture<ReplicatedPlatformFixture>;

/// <summary>
/// The whole AppHost, started once for the end-to-end tests (see <see cref="RunningPlatform"/>). Tests talk to the
/// gateway only. One copy of each service: the rate-limit and sign-in tests count on one gateway's whole limit.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public PlatformFixture() : this(replicas: 1) { }

    // Not public: xunit builds a collection fixture through its one public constructor.
    protected PlatformFixture(int replicas, params string[] settings) => (Replicas, _settings) = (replicas, settings);

    private readonly string[] _settings;

    private RunningPlatform? _platform;

    private RunningPlatform Platform => _platform ?? throw new InvalidOperationException("The platform is not started.");
    public DistributedApplication App => Platform.App;
    public HttpClient Gateway => Platform.Gateway;
    /// <summary>The platform's state folder: databases, broker, identity's keys.</summary>
    public string StateDirectory => Platform.StateDirectory;
    /// <summary>Accounts signed in at the identity service, made as tests ask for them.</summary>
    public PlatformAccounts Accounts => _accounts ??= new PlatformAccounts(Gateway);
    private PlatformAccounts? _accounts;
    /// <summary>Tokens of the demo accounts, logged in once for all tests (logins are rate-limited per client).</summary>
    public Logins Logins => _logins ??= new Logins(Gateway);
    private Logins? _logins;

    /// <summary>How many copies of each scaled-out service run.</summary>
    public int Replicas { get; }

    public RunningPlatform Running => Platform;

    // A machine shared by several builds may need longer: TADAMON_E2E_START_MINUTES raises the wait.
    public async Task InitializeAsync() =>
        _platform = await RunningPlatform.StartAsync<Projects.AppHost>("e2e",
            TimeSpan.FromMinutes(int.TryParse(Environment.GetEnvironmentVariable("TADAMON_E2E_START_MINUTES"), out var minutes) ? minutes : 8),
            // The courier remits only when a test asks (SettlementJourneyTests), so a statement never lands mid-test.
            // SMS go out at any hour here: the suite runs at night too (quiet hours have their own tests in Notifications.Tests).
            ["Courier:RemittanceCycle=00:00:00", $"Replicas={Replicas}", "Sms:HoldInQuietHours=false", .. _settings]);

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
    }
}

/// <summary>A second platform with two copies of each busy service, for the tests that cross replicas.</summary>
public sealed class ReplicatedPlatformFixture : PlatformFixture
{
    /// <summary>How long catalog caches a market answer here: long enough to tell an eviction from an expiry on a busy machine.</summary>
    public const int MarketCacheSeconds = 30;

    public ReplicatedPlatformFixture() : base(replicas: 2, $"Catalog:MarketCacheSeconds={MarketCacheSeconds}") { }
}
