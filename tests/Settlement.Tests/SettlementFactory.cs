using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;
using Tadamon.TestSupport;

namespace Tadamon.Settlement.Tests;

public static class Keys
{
    public const string Courier = "whsec_c2V0dGxlbWVudC1jb3VyaWVyLXRlc3Qta2V5LTE=";
    public const string Stranger = "whsec_bm90LXRoZS1jb3VyaWVyLWF0LWFsbC1zb3JyeQ==";
}

/// <summary>Settlement in memory on its own database and virtual host; the fee is 30 MAD, paid by the agency.</summary>
public class SettlementFactory() : ServiceFactory<SettlementDbContext>("settlementdb")
{
    public const decimal Fee = 30.00m;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Settlement:CourierWebhookSecrets:0", Keys.Courier);
        builder.UseSetting("Settlement:DeliveryFeeMad", "30.00");
        builder.UseSetting("Settlement:FeePaidBy", FeePaidBy);
    }

    protected virtual string FeePaidBy => "Agency";

    public HttpClient As(string role, string user = "someone", Guid? scope = null) => CreateClient().ActingAs(user, role, scope);

    public HttpClient Operator => As(Roles.Operator, "operator");

    public IBus Bus => Services.GetRequiredService<IBus>();

    public Task ReadyAsync() => Eventually.TrueAsync(async () => (await CreateClient().GetAsync("/health")).IsSuccessStatusCode, "settlement to be healthy");

    /// <summary>Posts a remittance statement signed with <paramref name="key"/>.</summary>
    public Task<HttpResponseMessage> RemitAsync(object statement, string? webhookId = null, string key = Keys.Courier) =>
        CreateClient().PostAsync("/webhooks/courier/remittances",
            new StandardWebhook(key).MakeHttpContent(statement, webhookId ?? $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow));

    public static object Statement(string reference, DateTimeOffset collectedUntil, params (string Tracking, decimal Amount, decimal Fee)[] lines) => new
    {
        transferReference = reference,
        collectedUntil,
        lines = lines.Select(l => new { trackingNumber = l.Tracking, amountMad = l.Amount, feeMad = l.Fee }).ToArray(),
    };

    public async Task<T> InScopeAsync<T>(Func<SettlementDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SettlementDbContext>());
    }

    /// <summary>Runs <paramref name="step"/> on the book in one transaction, as a consumer would.</summary>
    public async Task BookAsync(Func<SettlementBook, Task> step)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SettlementDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await step(scope.ServiceProvider.GetRequiredService<SettlementBook>());
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    /// <summary>A parcel of <paramref name="cooperativeId"/> delivered and paid <paramref name="amount"/> at <paramref name="at"/> (through the book).</summary>
    public async Task<string> CollectedAsync(Guid cooperativeId, decimal amount, DateTimeOffset? at = null)
    {
        var (orderId, shipmentId, tracking) = (Guid.CreateVersion7(), Guid.CreateVersion7(), $"AMX{Guid.NewGuid():N}"[..15].ToUpperInvariant());
        await BookAsync(b => b.RecordOrderAsync(orderId, cooperativeId, amount, default));
        await BookAsync(b => b.RecordBookingAsync(shipmentId, orderId, tracking, default));
        await BookAsync(b => b.RecordCashCollectedAsync(shipmentId, orderId, amount, at ?? DateTimeOffset.UtcNow.AddMinutes(-5), default));
        return tracking;
    }

    public Task<decimal> BalanceAsync(string account) =>
        InScopeAsync(db => db.Accounts.AsNoTracking().Where(a => a.Code == account).Select(a => a.BalanceMad).FirstOrDefaultAsync());

    /// <summary>The ledger's two invariants: it sums to zero, and every maintained balance equals the sum of its lines.</summary>
    public async Task AssertLedgerHoldsAsync()
    {
        var (balances, sums) = await InScopeAsync(async db => (
            await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.BalanceMad),
            await db.Lines.GroupBy(l => l.AccountCode).Select(g => new { g.Key, Sum = g.Sum(l => l.AmountMad) }).ToDictionaryAsync(x => x.Key, x => x.Sum)));
        Assert.Equal(0m, balances.Values.Sum());
        Assert.Equal(sums.OrderBy(s => s.Key), balances.OrderBy(b => b.Key));
        var unbalanced = await InScopeAsync(db => db.Lines.GroupBy(l => l.EntryId).Where(g => g.Sum(l => l.AmountMad) != 0m).CountAsync());
        Assert.Equal(0, unbalanced);
    }

    public static OrderConfirmed Confirmed(Guid orderId, Guid cooperativeId, decimal total) =>
        new(orderId, cooperativeId, "buyer", new DeliveryAddress("Fatima", "0612345678", "souss-massa", "Agadir", "1 rue"), 1, total);

    public static ShipmentBooked Booked(Guid shipmentId, Guid orderId, string tracking) => new(shipmentId, orderId, tracking);
}

/// <summary>The same service with the delivery fee charged to the cooperative.</summary>
public sealed class CooperativePaysFeeFactory : SettlementFactory
{
    protected override string FeePaidBy => "Cooperative";
}
