using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Messaging.Tests;

/// <summary>
/// A database and a private broker vhost for one test class, and a way to start and stop a service host
/// on them as often as a test needs: stopping one is how the tests "crash" a service.
/// </summary>
public sealed class MessagingHost : IAsyncLifetime
{
    private readonly string _name = TestServers.NewDatabaseName("messaging");
    public Uri Broker { get; private set; } = null!;
    public string ConnectionString => TestServers.DatabaseConnectionString(_name);

    public async Task InitializeAsync()
    {
        Broker = await TestServers.CreateVirtualHostAsync(_name);
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await TestServers.DropDatabaseAsync(_name);
        await TestServers.DeleteVirtualHostAsync(_name);
    }

    /// <summary>A context outside any host, as a service that is about to crash would have used.</summary>
    public TestDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(ConnectionString).Options);

    public Task<IHost> StartServiceAsync(TimeSpan? pollInterval = null) => StartAsync(pollInterval, dispatch: true);

    /// <summary>A host whose outbox dispatcher never runs: a service that dies before it marks what it published.</summary>
    public Task<IHost> StartServiceWithoutDispatchAsync() => StartAsync(null, dispatch: false);

    private async Task<IHost> StartAsync(TimeSpan? pollInterval, bool dispatch)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = ConnectionString,
            ["ConnectionStrings:broker"] = Broker.ToString(),
            ["Outbox:PollInterval"] = (pollInterval ?? TimeSpan.FromMilliseconds(300)).ToString(),
        });
        builder.AddServiceDatabase<TestDbContext>("testdb");
        builder.AddMessaging<TestDbContext>("messaging-tests", typeof(MessagingHost).Assembly);
        if (!dispatch)
        {
            var dispatcher = builder.Services.Single(d => d.ImplementationType == typeof(OutboxDispatcher<TestDbContext>));
            builder.Services.Remove(dispatcher);
        }
        var host = builder.Build();
        TestServers.UseLoggingOf(host.Services);
        await host.StartAsync();
        return host;
    }

    public async Task<decimal?> TotalOfAsync(Guid cooperativeId)
    {
        await using var db = NewContext();
        return (await db.Totals.AsNoTracking().FirstOrDefaultAsync(t => t.CooperativeId == cooperativeId))?.TotalMad;
    }

    public async Task<OutboxMessage?> OutboxRowAsync(Guid eventId)
    {
        await using var db = NewContext();
        return await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == eventId);
    }
}
