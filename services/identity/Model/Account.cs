using Microsoft.AspNetCore.Identity;

namespace Tadamon.Identity.Model;

/// <summary>
/// A person who logs in: by email, or by Moroccan mobile number (the norm for beneficiaries).
/// The role is one of <see cref="Roles"/>; managers carry the cooperative or centre they run as their scope.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public Guid? ScopeId { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
