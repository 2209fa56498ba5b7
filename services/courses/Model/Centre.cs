namespace Tadamon.Courses.Model;

/// <summary>The five kinds of centre the delegation runs or supervises with partner associations.</summary>
public enum CentreType { VocationalTraining, EducationAndTraining, SpecialEducation, Kindergarten, Literacy }

/// <summary>How a centre serves this season: the four modes the delegation works in.</summary>
public enum ServiceMode { InPerson, Remote, PartlyInPerson, Hybrid }

/// <summary>A social centre of the provincial delegation (Entraide Nationale).</summary>
public sealed class Centre
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    public CentreType Type { get; set; }
    public required string Province { get; set; }
    public required string Commune { get; set; }
    public required string Address { get; set; }
    public required string Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>The mode of the current season; a course inherits it unless its manager chooses another.</summary>
    public ServiceMode Mode { get; set; }
    /// <summary>The partner association that runs the centre, if any; operators set and clear it.</summary>
    public Guid? AssociationId { get; set; }
}
