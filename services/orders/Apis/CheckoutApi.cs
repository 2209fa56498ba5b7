using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;
using DeliveryAddress = Tadamon.Orders.Model.DeliveryAddress;

namespace Tadamon.Orders.Apis;

/// <summary>
/// A buyer's purchase: lines from any number of cooperatives become one order per cooperative, priced from
/// orders' own price book (never from the client), placed with their <c>OrderPlaced</c> events in one transaction.
/// </summary>
public static class CheckoutApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/checkout", Checkout).WithTags("Checkout").WithName("Checkout").For(Roles.Buyer)
            .WithSummary("Buy: one order per cooperative, cash on delivery. Requires an Idempotency-Key header; a retry returns the first result");
        app.MapGet("/purchases/{id:guid}", GetPurchase).WithTags("Checkout").WithName("GetPurchase").For(Roles.Buyer, Roles.Operator)
            .WithSummary("A buyer's purchase and its orders");
        return app;
    }

    public sealed record CheckoutLine(Guid ProductId, [Range(1, 100)] int Quantity);

    public sealed record AddressRequest(
        [Required, StringLength(200, MinimumLength = 2)] string RecipientName,
        [Required, RegularExpression(@"^(\+212|0)[5-7]\d{8}$")] string Phone,
        [Required, RegularExpression("^[a-z-]{3,40}$")] string Region,
        [Required, StringLength(100, MinimumLength = 2)] string City,
        [Required, StringLength(300, MinimumLength = 3)] string Street);

    public sealed record CheckoutRequest(
        [Required, MinLength(1), MaxLength(50)] CheckoutLine[] Lines,
        [Required] AddressRequest Address,
        string? PaymentMethod);

    public sealed record CheckoutResponse(Guid PurchaseId, decimal TotalMad, string PaymentMethod, IReadOnlyList<OrderResponse> Orders);

    private static async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> Checkout(
        CheckoutRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        [AsParameters] OrdersServices services, CancellationToken ct)
    {
        var http = services.Http;
        var caller = services.Caller;
        if (!caller.IsAuthenticated) return Problems.Unauthorized(http);
        if (!caller.IsInRole(Roles.Buyer)) return Problems.Forbidden(http);
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length is < 8 or > 100)
            return Problems.Invalid(http, IdempotencyHeader, "En-tête Idempotency-Key requis (8 à 100 caractères).",
                "الترويسة Idempotency-Key مطلوبة (من 8 إلى 100 حرف).");
        if ((request.PaymentMethod ?? PaymentMethods.CashOnDelivery) != PaymentMethods.CashOnDelivery)
            return Problems.Invalid(http, nameof(request.PaymentMethod), "Seul le paiement à la livraison est proposé.", "الدفع عند الاستلام هو الطريقة الوحيدة المتاحة.");

        // Array elements are not walked by the generated validator (nested objects are): checked here.
        var badLine = Array.FindIndex(request.Lines, l => l.Quantity is < 1 or > 100);
        if (badLine >= 0)
            return Problems.Invalid(http, $"Lines[{badLine}].Quantity", "Quantité entre 1 et 100.", "الكمية بين 1 و100.");

        var hash = Hash(request);
        if (await ReplayAsync(services, caller.UserId!, idempotencyKey, hash, ct) is { } replay) return replay;

        var productIds = request.Lines.Select(l => l.ProductId).Distinct().ToList();
        var prices = await services.Db.PriceBook.AsNoTracking().Where(e => productIds.Contains(e.ProductId)).ToDictionaryAsync(e => e.ProductId, ct);
        var unknown = request.Lines.Select((line, i) => (line, i)).FirstOrDefault(x => !prices.ContainsKey(x.line.ProductId));
        if (unknown.line is not null)
            return Problems.Invalid(http, $"Lines[{unknown.i}].ProductId", "Ce produit n'est pas en vente.", "هذا المنتج غير معروض للبيع.");

        var now = services.Clock.GetUtcNow();
        var address = new DeliveryAddress(request.Address.RecipientName.Trim(), request.Address.Phone, request.Address.Region,
            request.Address.City.Trim(), request.Address.Street.Trim());
        var orders = request.Lines
            .GroupBy(l => l.ProductId).Select(g => (Entry: prices[g.Key], Quantity: g.Sum(l => l.Quantity)))
            .GroupBy(x => x.Entry.CooperativeId)
            .Select(cooperative => new Order
            {
                CooperativeId = cooperative.Key, BuyerId = caller.UserId!, Recipient = address, PlacedAt = now,
                Lines = cooperative.Select(x => new OrderLine
                {
                    ProductId = x.Entry.ProductId, NameAr = x.Entry.NameAr, NameFr = x.Entry.NameFr, Unit = x.Entry.Unit,
                    Quantity = x.Quantity, UnitPriceMad = x.Entry.PriceMad,
                }).ToList(),
                TotalMad = cooperative.Sum(x => x.Entry.PriceMad * x.Quantity),
            }.Placed())
            .ToList();
        var purchase = new Purchase
        {
            BuyerId = caller.UserId!, IdempotencyKey = idempotencyKey, RequestHash = hash, CreatedAt = now,
            TotalMad = orders.Sum(o => o.TotalMad), Orders = orders,
        };
        services.Db.Purchases.Add(purchase);
        foreach (var order in orders)
        {
            services.Db.AddIntegrationEvent(new OrderPlaced(order.Id, purchase.Id, order.CooperativeId, order.BuyerId,
                order.Lines.Select(l => new OrderedLine(l.ProductId, l.Quantity, l.UnitPriceMad)).ToList(), order.TotalMad));
        }

        try
        {
            await services.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A retry of the same checkout won the race: answer with what it created.
            services.Db.ChangeTracker.Clear();
            if (await ReplayAsync(services, caller.UserId!, idempotencyKey, hash, ct) is { } raced) return raced;
            throw;
        }
        OrdersMetrics.Checkouts.Add(1);
        return TypedResults.Created($"/purchases/{purchase.Id}", ToResponse(purchase));
    }

    private static async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        OrdersServices services, string buyerId, string key, string hash, CancellationToken ct)
    {
        var earlier = await services.Db.Purchases.AsNoTracking().Include(p => p.Orders)
            .FirstOrDefaultAsync(p => p.BuyerId == buyerId && p.IdempotencyKey == key, ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != hash)
            return Problems.Problem(services.Http, StatusCodes.Status422UnprocessableEntity,
                "Cette clé d'idempotence a déjà servi pour une autre commande.", "مفتاح عدم التكرار هذا استُعمل لطلب مختلف.",
                "idempotency-key-reused");
        services.Http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/purchases/{earlier.Id}", ToResponse(earlier));
    }

    private static async Task<Results<Ok<CheckoutResponse>, NotFound>> GetPurchase(Guid id, [AsParameters] OrdersServices services, CancellationToken ct)
    {
        var purchase = await services.Db.Purchases.AsNoTracking().Include(p => p.Orders).FirstOrDefaultAsync(p => p.Id == id, ct);
        var caller = services.Caller;
        if (purchase is null || !(caller.IsInRole(Roles.Operator) || caller.UserId == purchase.BuyerId)) return TypedResults.NotFound();
        return TypedResults.Ok(ToResponse(purchase));
    }

    private static CheckoutResponse ToResponse(Purchase p) =>
        new(p.Id, p.TotalMad, p.PaymentMethod, p.Orders.OrderBy(o => o.CooperativeId).Select(OrderResponse.From).ToList());

    private static string Hash(CheckoutRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
}
