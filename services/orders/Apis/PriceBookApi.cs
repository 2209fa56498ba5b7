using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Apis;

public static class PriceBookApi
{
    public static RouteGroupBuilder MapPriceBookApi(this IEndpointRouteBuilder app)
    {
        var priceBook = app.MapGroup("/price-book").WithTags("Price book");
        priceBook.MapGet("/{productId:guid}", GetEntry).WithName("GetPriceBookEntry").Public()
            .WithSummary("The price orders will charge for a product, as last published by catalog");
        return priceBook;
    }

    public sealed record PriceBookEntryResponse(Guid ProductId, Guid CooperativeId, string NameAr, string NameFr, string Unit, decimal PriceMad, DateTimeOffset AsOf);

    private static async Task<Results<Ok<PriceBookEntryResponse>, NotFound>> GetEntry(Guid productId, OrdersDbContext db, CancellationToken ct) =>
        await db.PriceBook.AsNoTracking().FirstOrDefaultAsync(e => e.ProductId == productId, ct) is PriceBookEntry e
            ? TypedResults.Ok(new PriceBookEntryResponse(e.ProductId, e.CooperativeId, e.NameAr, e.NameFr, e.Unit, e.PriceMad, e.AsOf))
            : TypedResults.NotFound();
}
