namespace Tadamon.Catalog.Model;

/// <summary>Who the seller's members are; a small or very small enterprise keeps this character too (a women-led TPE).</summary>
public enum CooperativeType { Women, Youth, Mixed }

/// <summary>What kind of seller it is; all three are vetted the same way.</summary>
public enum SellerType { Cooperative, SmallEnterprise, VerySmallEnterprise }

public enum CooperativeStatus { Applied, Verified, Suspended }

/// <summary>
/// A partner cooperative (or very small enterprise). It applies, an operator vets it, and only then may it
/// sell; a suspended one keeps its data but its products disappear from the market.
/// </summary>
public sealed class Cooperative
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    public required string Region { get; set; }
    public required string Province { get; set; }
    public CooperativeType Type { get; set; }
    public SellerType SellerType { get; set; } = SellerType.Cooperative;
    public List<string> ProductFamilies { get; set; } = [];
    public required string ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>Who applied; becomes the first manager once identity lands.</summary>
    public string? AppliedBy { get; init; }
    public CooperativeStatus Status { get; private set; } = CooperativeStatus.Applied;
    public string? SuspensionReason { get; private set; }
    public DateTimeOffset AppliedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? VerifiedAt { get; private set; }

    /// <summary>Grows with every change others copy for the impact figures (see <c>CooperativeProfileChanged</c>).</summary>
    public long ProfileVersion { get; set; }

    public bool IsSelling => Status == CooperativeStatus.Verified;

    /// <summary>Vets an application, or lifts a suspension. False when already verified (nothing changes).</summary>
    public bool Verify(DateTimeOffset now)
    {
        if (Status == CooperativeStatus.Verified) return false;
        Status = CooperativeStatus.Verified;
        SuspensionReason = null;
        VerifiedAt = now;
        return true;
    }

    public bool Suspend(string reason)
    {
        if (Status == CooperativeStatus.Suspended && SuspensionReason == reason) return false;
        Status = CooperativeStatus.Suspended;
        SuspensionReason = reason;
        return true;
    }
}
