using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tadamon.Identity.Model;

namespace Tadamon.Identity.Infrastructure;

/// <summary>One account per kind of person, so the platform can be tried at once (listed in the README).</summary>
public static class DemoAccounts
{
    public const string Password = "Tadamon-2026";
    public const string DemoCooperativeKey = "cooperative:1";
    public const string OperatorLogin = "operateur@tadamon.ma";
    private const string BeneficiaryLogin = "+212612345678";

    /// <summary>Every demo login, as stored; their password is published in the README.</summary>
    public static readonly IReadOnlyList<string> Logins =
        [OperatorLogin, "acheteur@tadamon.ma", "cooperative@tadamon.ma", "centre@tadamon.ma", BeneficiaryLogin, AssociationLogin];

    private const string AssociationLogin = "association@tadamon.ma";

    /// <summary>Any fixed number, the same in every replica: the key of the seeding's advisory lock.</summary>
    private const long SeedLockKey = 0x7461_6461_6d6f_6e01; // "tadamon" + 1

    public static async Task SeedAsync(IdentityDbContext db, CancellationToken ct)
    {
        // Replicas starting together would each find no account and each insert the demo ones. Under one
        // transaction-scoped advisory lock the first seeds and the others, once it commits, find its accounts.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        // Each demo account once, by its login: a database seeded before a kind of account existed gets that one too.
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        if (existing.Count > 0 && Logins.All(existing.Contains)) return;

        var hasher = new PasswordHasher<Account>();
        Account Demo(string login, string name, string role, Guid? scope, bool phone = false)
        {
            var account = new Account
            {
                Id = Guid.CreateVersion7(),
                UserName = login, NormalizedUserName = login.ToUpperInvariant(),
                Email = phone ? null : login, NormalizedEmail = phone ? null : login.ToUpperInvariant(),
                PhoneNumber = phone ? login : null, EmailConfirmed = !phone, PhoneNumberConfirmed = phone,
                DisplayName = name, Role = role, ScopeId = scope, LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            account.PasswordHash = hasher.HashPassword(account, Password);
            return account;
        }

        var beneficiary = Demo(BeneficiaryLogin, "فاطمة الزهراء", Roles.Beneficiary, null, phone: true);
        beneficiary.Id = DemoIds.Of(DemoIds.BeneficiaryKey); // catalog and enrollment seed her membership and certificate
        beneficiary.ScopeId = beneficiary.Id;
        Account[] demo =
        [
            Demo(OperatorLogin, "Agence de développement social", Roles.Operator, null),
            Demo(Logins[1], "Youssef El Amrani", Roles.Buyer, null),
            // Scoped to the first demo cooperative and centre, and to the partner association running El Attaouia's
            // centres, which catalog and courses seed under the same keys.
            Demo(Logins[2], "تعاونية تيفاوين لزيت أركان", Roles.CooperativeManager, DemoIds.Of(DemoCooperativeKey)),
            Demo(Logins[3], "مركز التدرج المهني بقلعة السراغنة", Roles.CentreManager, DemoIds.Of("centre:vocational-kelaa")),
            beneficiary,
            Demo(AssociationLogin, "الجمعية الشريكة للتربية والتكوين بالعطاوية", Roles.AssociationManager, DemoIds.Of("association:attaouia")),
        ];
        db.Users.AddRange(demo.Where(a => !existing.Contains(a.UserName)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
