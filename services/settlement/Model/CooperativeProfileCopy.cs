namespace Tadamon.Settlement.Model;

/// <summary>
/// Catalog's word on a seller, copied for the impact figures (from <c>CooperativeProfileChanged</c>): its region, value
/// chain and Tathmine membership. The highest <see cref="Version"/> wins, whatever order the events arrive in.
/// </summary>
public sealed class CooperativeProfileCopy
{
    public Guid CooperativeId { get; init; }
    public long Version { get; init; }
    public required string Region { get; init; }
    public required string SellerType { get; init; }
    public string? ValueChain { get; init; }
    public string? Programme { get; init; }
    /// <summary>The day it joined the programme: its sales from that day on count as a member's.</summary>
    public DateOnly? JoinedOn { get; init; }
}

/// <summary>A support action's kind and day, replaced with its cooperative's profile; its cost stays in catalog.</summary>
public sealed class SupportActionCopy
{
    public Guid SupportActionId { get; init; }
    public Guid CooperativeId { get; init; }
    public required string Kind { get; init; }
    public DateOnly On { get; init; }
}
