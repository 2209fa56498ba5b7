namespace Tadamon.Web.Backend;

// Settlement's answers, as the pages read them (see services/settlement/Apis).

public sealed record StatementLine(Guid OrderId, string TrackingNumber, DateTimeOffset CollectedAt, decimal GrossMad, decimal FeeMad, decimal NetMad,
    bool ReturnedAfterPayout = false);

public sealed record CooperativeBalance(Guid CooperativeId, decimal OwedMad, decimal UnpaidParcelsMad, IReadOnlyList<StatementLine> UnpaidParcels, decimal AwaitingTransferMad);

public sealed record Payout(Guid Id, Guid BatchId, Guid CooperativeId, DateOnly PeriodEnd, int ParcelCount, decimal GrossMad, decimal FeesMad,
    decimal ClawbacksMad, decimal AmountMad, string Status, string? TransferReference, DateTimeOffset? PaidAt, IReadOnlyList<StatementLine>? Lines);

public sealed record PayoutBatch(Guid Id, DateOnly PeriodEnd, DateTimeOffset CreatedAt, decimal TotalMad, int Paid, IReadOnlyList<Payout> Payouts);

public sealed record HeldParcel(Guid ShipmentId, Guid OrderId, string TrackingNumber, Guid? CooperativeId, decimal AmountMad, DateTimeOffset CollectedAt, int AgeDays);

public sealed record CashHeld(decimal TotalMad, int Parcels, IReadOnlyList<HeldParcel> Items);

public sealed record Discrepancy(Guid Id, string Kind, string TrackingNumber, decimal ExpectedMad, decimal RemittedMad, decimal OutstandingMad,
    DateTimeOffset OpenedAt, bool Open, string AdviceFr, string AdviceAr);

public sealed record WeekFigures(DateOnly Week, decimal RemittedMad, decimal PaidMad);
