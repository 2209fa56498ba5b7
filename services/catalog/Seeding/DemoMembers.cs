using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Seeding;

/// <summary>
/// The demo beneficiary (identity's <see cref="DemoIds.BeneficiaryKey"/>) is a consenting member of the demo
/// cooperative manager's cooperative, Tifawine. Her certificate comes from enrollment's demo data as an event,
/// so the trained badge shows on first start through the same path as in real use. Seeded on its own, once.
/// </summary>
public static class DemoMembers
{
    public static async Task SeedAsync(CatalogDbContext db, CancellationToken ct)
    {
        var cooperativeId = DemoIds.Of("cooperative:1");
        var beneficiaryId = DemoIds.Of(DemoIds.BeneficiaryKey).ToString();
        if (!await db.Cooperatives.AnyAsync(c => c.Id == cooperativeId, ct)) return;
        if (await db.CooperativeMembers.AnyAsync(m => m.CooperativeId == cooperativeId && m.BeneficiaryId == beneficiaryId, ct)) return;

        var invitedAt = DateTimeOffset.UtcNow.AddDays(-20);
        var member = new CooperativeMember
        {
            Id = DemoIds.Of("member:tifawine:1"), CooperativeId = cooperativeId, DisplayName = "فاطمة الزهراء",
            InvitationCode = CooperativeMember.NewCode(), InvitedBy = "demo", InvitedAt = invitedAt,
        };
        member.Consent(beneficiaryId, invitedAt.AddDays(2));
        db.CooperativeMembers.Add(member);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // another replica seeded it meanwhile
        }
    }
}
