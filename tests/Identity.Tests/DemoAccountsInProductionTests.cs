using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Identity.Infrastructure;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.Identity.Tests;

/// <summary>Identity as deployed: Production, keys from configuration, demo data only if someone sets Seed:Demo.</summary>
public sealed class ProductionIdentityFactory(string? seedDemo) : ServiceFactory<IdentityDbContext>("identitydb")
{
    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        using var rsa = RSA.Create(2048);
        builder.UseSetting("Identity:SigningKeys:0", Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
        builder.UseSetting("Identity:EncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (seedDemo is not null) builder.UseSetting("Seed:Demo", seedDemo);
    }
}

public sealed class DemoAccountsInProductionTests
{
    [Fact]
    public Task When_identity_starts_in_Production_without_Seed_Demo_Should_start_with_no_demo_account() =>
        WithIdentityAsync(seedDemo: null, async identity =>
        {
            identity.CreateClient().Dispose(); // starts the host: throws if it refuses
            using var scope = identity.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            Assert.False(await db.Users.AnyAsync(u => u.UserName == DemoAccounts.OperatorLogin));
        });

    [Fact]
    public Task When_identity_starts_in_Production_with_the_published_operator_account_Should_refuse_to_start() =>
        WithIdentityAsync(seedDemo: "true", identity =>
        {
            var failure = Assert.ThrowsAny<Exception>(() => identity.CreateClient());

            var refusal = Flatten(failure).OfType<InvalidOperationException>().FirstOrDefault(e => e.Message.Contains("published password"));
            Assert.True(refusal is not null, $"not refused for the demo accounts: {failure}");
            Assert.Contains(DemoAccounts.OperatorLogin, refusal.Message);
            return Task.CompletedTask;
        });

    /// <summary>The factory's own database and virtual host are dropped afterwards, whether the host started or not.</summary>
    private static async Task WithIdentityAsync(string? seedDemo, Func<ProductionIdentityFactory, Task> test)
    {
        var identity = new ProductionIdentityFactory(seedDemo);
        try
        {
            await ((IAsyncLifetime)identity).InitializeAsync();
            await test(identity);
        }
        finally
        {
            await ((IAsyncLifetime)identity).DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
            }
        }
    }
}
