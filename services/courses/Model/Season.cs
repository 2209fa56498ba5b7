namespace Tadamon.Courses.Model;

/// <summary>A working season of the centres (e.g. 2025/2026); pre-registration is open between its dates.</summary>
public sealed class Season
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Label { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
}
