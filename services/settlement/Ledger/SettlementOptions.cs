namespace Tadamon.Settlement.Ledger;

/// <summary>Who bears the courier's delivery fee.</summary>
public enum FeePaidBy
{
    /// <summary>The agency subsidises delivery: the cooperative is owed the whole cash collected (the seeds' partnership).</summary>
    Agency,
    /// <summary>The cooperative: its share is the cash collected less the fee.</summary>
    Cooperative,
    /// <summary>The buyer paid the fee on top of the goods, in the same cash: the cooperative is owed the cash less the fee.</summary>
    Buyer,
}

/// <summary>Settings under <c>Settlement</c>.</summary>
public sealed class SettlementOptions
{
    /// <summary>The courier's fee per delivered parcel, in MAD (the partnership's price list).</summary>
    public decimal DeliveryFeeMad { get; set; } = 30.00m;
    public FeePaidBy FeePaidBy { get; set; } = FeePaidBy.Agency;
    /// <summary>Cash held by the courier longer than this becomes a held-too-long discrepancy.</summary>
    public TimeSpan CashHoldLimit { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often cash held by the courier is checked against <see cref="CashHoldLimit"/>.</summary>
    public TimeSpan OverdueSweepInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>The keys that may sign the courier's remittance webhooks (old and new during a rotation).</summary>
    public string[] CourierWebhookSecrets { get; set; } = [];
}
