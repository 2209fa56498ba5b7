using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Tadamon.Messaging.Tests;

/// <summary><c>ForUpdate()</c> on a LINQ query really locks the rows in PostgreSQL.</summary>
public sealed class RowLockTests(MessagingHost platform) : IClassFixture<MessagingHost>
{
    [Fact]
    public async Task When_a_transaction_holds_a_row_with_ForUpdate_Should_make_others_wait_or_skip_it_until_commit()
    {
        using var host = await platform.StartServiceWithoutDispatchAsync();
        var cooperative = Guid.NewGuid();
        await using (var seed = platform.NewContext())
        {
            seed.Totals.Add(new PledgeTotal { CooperativeId = cooperative, TotalMad = 10 });
            await seed.SaveChangesAsync();
        }

        await using var holderScope = host.Services.CreateAsyncScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<TestDbContext>();
        await using var held = await holder.Database.BeginTransactionAsync();
        Assert.NotNull(await holder.Totals.Where(t => t.CooperativeId == cooperative).ForUpdate().SingleOrDefaultAsync());

        await using var otherScope = host.Services.CreateAsyncScope();
        var other = otherScope.ServiceProvider.GetRequiredService<TestDbContext>();
        await using (var tx = await other.Database.BeginTransactionAsync())
        {
            // A plain read is not blocked; a skipping lock leaves the row out; a waiting lock times out.
            Assert.Single(await other.Totals.AsNoTracking().Where(t => t.CooperativeId == cooperative).ToListAsync());
            Assert.Empty(await other.Totals.Where(t => t.CooperativeId == cooperative).ForUpdate(skipLocked: true).ToListAsync());
            await other.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '300ms'");
            // EF reports a lock timeout as a possibly transient failure, with PostgreSQL's error inside.
            var waited = await Assert.ThrowsAnyAsync<Exception>(() =>
                other.Totals.Where(t => t.CooperativeId == cooperative).ForUpdate().ToListAsync());
            var refusal = waited as PostgresException ?? waited.InnerException as PostgresException;
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, refusal?.SqlState);
        }

        await held.CommitAsync();
        other.ChangeTracker.Clear();
        await using (var tx = await other.Database.BeginTransactionAsync())
        {
            Assert.Single(await other.Totals.Where(t => t.CooperativeId == cooperative).ForUpdate(skipLocked: true).ToListAsync());
        }
    }
}
