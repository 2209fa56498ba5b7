namespace Tadamon.Orders.Model;

/// <summary>
/// One buyer checkout: the orders it produced (one per cooperative) and the idempotency key it came with.
/// The same buyer sending the same key again gets this purchase back, never a second one.
/// </summary>
public sealed class Purchase
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string BuyerId { get; init; }
    public required string IdempotencyKey { get; init; }
    /// <summary>SHA-256 of the request body as bound; a different body under the same key is refused.</summary>
    public required string RequestHash { get; init; }
    public string PaymentMethod { get; init; } = PaymentMethods.CashOnDelivery;
    public decimal TotalMad { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public List<Order> Orders { get; init; } = [];
}

public static class PaymentMethods
{
    /// <summary>The default and, for now, the only way to pay: cash to the courier.</summary>
    public const string CashOnDelivery = "cash-on-delivery";
}
