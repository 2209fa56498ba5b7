namespace Tadamon.Contracts.Catalog;

/// <summary>An operator vetted a cooperative (or lifted its suspension): it may sell.</summary>
public sealed record CooperativeVerified(Guid CooperativeId, string NameAr, string NameFr, string Region) : IntegrationEvent;

/// <summary>An operator suspended a cooperative: its products are hidden and it takes no new orders.</summary>
public sealed record CooperativeSuspended(Guid CooperativeId, string Reason) : IntegrationEvent;
