using Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.Identity.Infrastructure;

namespace Tadamon.Identity.Tests;

/// <summary>Its own database (its own factory): the demo accounts must not meet other tests' accounts.</summary>
public sealed class DemoSeedingTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task When_two_replicas_seed_at_once_Should_create_each_demo_account_once()
    {
        await using var first = identity.Services.CreateAsyncScope();
        await using var second = identity.Services.CreateAsyncScope();
        var one = first.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var other = second.ServiceProvider.GetRequiredService<IdentityDbContext>();

        await Task.WhenAll(
            Task.Run(() => DemoAccounts.SeedAsync(one, CancellationToken.None)),
            Task.Run(() => DemoAccounts.SeedAsync(other, CancellationToken.None)));

        await using var check = identity.Services.CreateAsyncScope();
        var logins = await check.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.Select(u => u.UserName).ToListAsync();
        Assert.Equal(DemoAccounts.Logins.Count, logins.Count);
        Assert.Single(logins, l => l == "operateur@tadamon.ma");
        Assert.Single(logins, l => l == "association@tadamon.ma");
    }

    [Fact]
    public async Task When_a_database_seeded_before_a_kind_of_account_is_seeded_again_Should_add_only_the_missing_one()
    {
        await using (var scope = identity.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            await DemoAccounts.SeedAsync(db, CancellationToken.None);
            await db.Users.Where(u => u.UserName == "association@tadamon.ma").ExecuteDeleteAsync();
        }

        await using (var scope = identity.Services.CreateAsyncScope())
        {
            await DemoAccounts.SeedAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), CancellationToken.None);
        }

        await using var check = identity.Services.CreateAsyncScope();
        var accounts = await check.ServiceProvider.GetRequiredService<IdentityDbContext>().Users.ToListAsync();
        Assert.Equal(DemoAccounts.Logins.Count, accounts.Count);
        var association = Assert.Single(accounts, a => a.UserName == "association@tadamon.ma");
        Assert.Equal("association-manager", association.Role);
        Assert.Equal(DemoIds.Of("association:attaouia"), association.ScopeId);
    }
}
