namespace Tadamon.Courses.Model;

/// <summary>
/// A civil-society association that runs centres in partnership with the delegation. Its manager account manages
/// every centre whose <see cref="Centre.AssociationId"/> names it, and no other.
/// </summary>
public sealed class PartnerAssociation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    /// <summary>The number under which the association is registered with the authorities; unique.</summary>
    public required string RegistrationNumber { get; set; }
    public required string ContactName { get; set; }
    public required string Phone { get; set; }
    public string? Email { get; set; }
}
