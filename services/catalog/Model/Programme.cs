namespace Tadamon.Catalog.Model;

/// <summary>The agency's programmes a seller can belong to; one for now, kept as a code so a second one is a new line.</summary>
public static class Programmes
{
    /// <summary>Tathmine (تثمين): the agency's programme that strengthens the weak links of local value chains.</summary>
    public const string Tathmine = "tathmine";

    public static bool IsKnown(string? code) => code == Tathmine;
}

/// <summary>The weak links a diagnosis can find along a member's value chain; stable codes, shown translated.</summary>
public static class WeakLinks
{
    public static readonly IReadOnlyList<string> All =
    [
        "production", "quality", "packaging", "certification", "marketing", "governance", "finance", "logistics", "skills",
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

public enum SupportKind { TechnicalSupport, Training, Equipment, ProfessionalOrganisation }

/// <summary>
/// A seller's membership of an agency programme, in one value chain, with the diagnosis made when it joined (the
/// weak links found, and a note). Recorded and edited by operators; one per seller.
/// </summary>
public sealed class ProgrammeMembership
{
    public Guid CooperativeId { get; init; }
    public string Programme { get; set; } = Programmes.Tathmine;
    public required string ValueChain { get; set; }
    public DateOnly JoinedOn { get; set; }
    public List<string> WeakLinks { get; set; } = [];
    public string DiagnosisNote { get; set; } = "";
    public required string RecordedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Something the agency gave a member: its kind, the day, what it cost in MAD, and notes.</summary>
public sealed class SupportAction
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CooperativeId { get; init; }
    public SupportKind Kind { get; set; }
    public DateOnly On { get; set; }
    public decimal CostMad { get; set; }
    public string Notes { get; set; } = "";
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
