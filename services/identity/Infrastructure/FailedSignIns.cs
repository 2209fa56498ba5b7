using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Identity.Model;

namespace Tadamon.Identity.Infrastructure;

/// <summary>
/// Counts wrong passwords towards the lockout in one UPDATE each, computed by the database from the stored count.
/// UserManager.AccessFailedAsync reads, increments in memory and saves under a concurrency stamp, so of several wrong
/// guesses sent at once only one is counted (the others lose the race and are dropped): a guesser in parallel would
/// never be locked out. Here the lock is set in the same statement that reaches the limit, and the count restarts.
/// </summary>
public sealed class FailedSignIns(IdentityDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public Task RecordAsync(Account account, CancellationToken ct)
    {
        var lockout = identity.Value.Lockout;
        var max = lockout.MaxFailedAccessAttempts;
        DateTimeOffset? lockedUntil = clock.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
        return db.Users.Where(a => a.Id == account.Id && a.LockoutEnabled).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.LockoutEnd, a => a.AccessFailedCount + 1 >= max ? lockedUntil : a.LockoutEnd)
            .SetProperty(a => a.AccessFailedCount, a => a.AccessFailedCount + 1 >= max ? 0 : a.AccessFailedCount + 1)
            // A stale copy of the account held elsewhere must not write the old count back over this one.
            .SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
    }

    /// <summary>A right password clears the count, without touching a lock another attempt may have just set.</summary>
    public Task ResetAsync(Account account, CancellationToken ct) =>
        db.Users.Where(a => a.Id == account.Id && a.AccessFailedCount != 0)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.AccessFailedCount, 0), ct);
}
