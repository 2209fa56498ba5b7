namespace Tadamon.Contracts.Catalog;

/// <summary>A support action the agency gave a programme member, as far as others need it: what and when (not its cost).</summary>
public sealed record SupportActionDate(Guid SupportActionId, string Kind, DateOnly On);

/// <summary>
/// What the agency's impact figures need to know of a seller, sent whole on every change (verified, joined the
/// Tathmine programme, diagnosis or value chain changed, a support action recorded or edited). <paramref name="Version"/>
/// grows with each change: a copy keeps the highest it has seen, so late or repeated events change nothing.
/// <paramref name="ValueChain"/> is the membership's value chain, else the one the seller's product families map to.
/// <paramref name="Programme"/> and <paramref name="JoinedOn"/> are null for a seller outside the programme.
/// </summary>
public sealed record CooperativeProfileChanged(
    Guid CooperativeId,
    long Version,
    string Region,
    string SellerType,
    string? ValueChain,
    string? Programme,
    DateOnly? JoinedOn,
    IReadOnlyList<SupportActionDate> SupportActions) : IntegrationEvent;
