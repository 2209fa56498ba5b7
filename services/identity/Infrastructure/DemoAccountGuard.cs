using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tadamon.Identity.Model;

namespace Tadamon.Identity.Infrastructure;

/// <summary>
/// A production platform must not hold an account anyone can sign in to with the password the README publishes
/// (the demo operator can do everything). Demo data is off by default outside Development; this catches a database
/// seeded anyway (Seed:Demo=true, or restored from a developer's machine).
/// </summary>
public static class DemoAccountGuard
{
    public static async Task RefusePublishedDemoAccountsInProductionAsync(this WebApplication app)
    {
        if (!app.Environment.IsProduction()) return;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var demoLogins = DemoAccounts.Logins.ToArray(); // a plain array: a query parameter PostgreSQL takes as text[]
        var candidates = await db.Users.Where(u => demoLogins.Contains(u.UserName!)).ToListAsync();
        var hasher = new PasswordHasher<Account>();
        var exposed = candidates
            .Where(a => a.PasswordHash is not null
                && hasher.VerifyHashedPassword(a, a.PasswordHash, DemoAccounts.Password) != PasswordVerificationResult.Failed)
            .Select(a => a.UserName!)
            .ToList();
        if (exposed.Count == 0) return;

        var logins = string.Join(", ", exposed);
        app.Logger.LogError("Refusing to start in Production: demo account(s) {Logins} still have the published demo password. " +
            "Delete them or change their password; demo data is for developer machines (Seed:Demo).", logins);
        throw new InvalidOperationException($"Demo account(s) with the published password present in Production: {logins}.");
    }
}
