namespace Tadamon.Web.Backend;

/// <summary>What the public sees of a seller's programme: the programme, its value chain, since when.</summary>
public sealed record ProgrammeBadge(string Code, string ValueChain, DateOnly Since);

public sealed record ValueChain(string Code, string NameAr, string NameFr, string[] Categories);

public sealed record SupportAction(Guid Id, string Kind, DateOnly On, decimal CostMad, string Notes, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record ProgrammeMembership(Guid CooperativeId, string Programme, string ValueChain, DateOnly JoinedOn, string[] WeakLinks, string DiagnosisNote,
    IReadOnlyList<SupportAction> SupportActions, decimal SupportCostMad);

public sealed record MemberSummary(Guid CooperativeId, string NameAr, string NameFr, string Region, string SellerType, string ValueChain,
    DateOnly JoinedOn, int SupportActions, decimal SupportCostMad);

public sealed record ImpactRow(string ValueChain, string Region, DateOnly Month, bool Member, int Cooperatives, int Orders, decimal SalesMad,
    int DeliveredParcels, decimal DeliveredIncomeMad);

public sealed record ImpactTotals(bool Member, int Orders, decimal SalesMad, int DeliveredParcels, decimal DeliveredIncomeMad);

public sealed record SupportActionImpact(Guid SupportActionId, Guid CooperativeId, string Kind, DateOnly On, string ValueChain, string Region,
    decimal IncomeBeforeMad, decimal IncomeAfterMad, bool WindowComplete);

public sealed record ImpactReport(string? ValueChain, string? Region, DateOnly From, DateOnly To, int WindowDays,
    IReadOnlyList<ImpactRow> Rows, IReadOnlyList<ImpactTotals> Totals, IReadOnlyList<SupportActionImpact> SupportActions);
