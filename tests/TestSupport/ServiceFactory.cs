using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Tadamon.TestSupport;

/// <summary>
/// Hosts one service in memory against its own fresh database on the real test PostgreSQL and a private
/// virtual host on the real test RabbitMQ. One instance per test class (<c>IClassFixture</c>).
/// </summary>
public class ServiceFactory<TProgram>(string databaseConnectionName) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly string _name = TestServers.NewDatabaseName(databaseConnectionName.Replace("db", ""));
    private Uri? _broker;

    public string DatabaseConnectionString => TestServers.DatabaseConnectionString(_name);

    public async Task InitializeAsync() => _broker = await TestServers.CreateVirtualHostAsync(_name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:broker", (_broker ?? throw new InvalidOperationException("InitializeAsync first")).ToString());
        builder.UseSetting("Outbox:PollInterval", "00:00:00.500");
        // A service hosted alone migrates its own database as it starts (the platform runs a migration step instead).
        builder.UseSetting("Database:MigrateOnStartup", "true");
        // No identity service runs beside a service tested alone: it trusts the tests' signing key instead.
        builder.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
            jwt.Configuration.SigningKeys.Add(TestTokens.Key);
        }));
        ConfigureService(builder);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        TestServers.UseLoggingOf(host.Services);
        return host;
    }

    /// <summary>Extra settings a service's tests need (fake clocks, courier URL...).</summary>
    protected virtual void ConfigureService(IWebHostBuilder builder) { }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestServers.DropDatabaseAsync(_name);
        await TestServers.DeleteVirtualHostAsync(_name);
    }
}
