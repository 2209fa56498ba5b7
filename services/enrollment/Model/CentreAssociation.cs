namespace Tadamon.Enrollment.Model;

/// <summary>
/// Enrollment's copy of which partner association runs a centre (from courses' <c>CentreAssociationChanged</c>):
/// the association's manager decides that centre's pre-registrations while this row names their association.
/// </summary>
public sealed class CentreAssociation
{
    public Guid CentreId { get; init; }
    /// <summary>Null once the centre is no longer run by an association.</summary>
    public Guid? AssociationId { get; set; }
    /// <summary>When the newest change applied here happened: an older one arriving late changes nothing.</summary>
    public DateTimeOffset AsOf { get; set; }
}
