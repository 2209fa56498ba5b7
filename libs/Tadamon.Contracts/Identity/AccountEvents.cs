namespace Tadamon.Contracts.Identity;

/// <summary>Someone can now log in: a self-registered buyer or beneficiary, or a manager or operator an operator created.</summary>
public sealed record AccountCreated(Guid AccountId, string Role, Guid? ScopeId, string DisplayName) : IntegrationEvent;
