using Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        Assert.Equal(5, logins.Count);
        Assert.Single(logins, l => l == "operateur@tadamon.ma");
    }
}
