using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Tadamon.Settlement.Ledger;

namespace Tadamon.Settlement.Apis;

/// <summary>
/// The Tathmine programme's impact, where the money is: sales and delivered income per value chain, region and month,
/// members against non-members, and income before and after each support action. JSON for the page, CSV for a
/// spreadsheet: both are the rows of <see cref="ImpactFigures"/>.
/// </summary>
public static class ImpactApi
{
    public const int DefaultWindowDays = 90;

    public static RouteGroupBuilder MapImpactApi(this IEndpointRouteBuilder app)
    {
        var impact = app.MapGroup("/impact").WithTags("Impact");
        impact.MapGet("/", Get).WithName("ProgrammeImpact").For(Roles.Operator)
            .WithSummary("Sales and delivered income per value chain × region × month × member/non-member, and delivered income N days before and after each support action");
        impact.MapGet("/csv", Csv).WithName("ProgrammeImpactCsv").For(Roles.Operator)
            .WithSummary("The same value chain × region × month × member rows as CSV (comma separated, amounts in MAD with a dot)");
        return impact;
    }

    public sealed record ImpactQuery(string? ValueChain, string? Region, DateOnly? From, DateOnly? To, int? WindowDays);

    public sealed record ImpactTotals(bool Member, int Orders, decimal SalesMad, int DeliveredParcels, decimal DeliveredIncomeMad);

    public sealed record ImpactResponse(
        string? ValueChain, string? Region, DateOnly From, DateOnly To, int WindowDays,
        IReadOnlyList<ImpactRow> Rows, IReadOnlyList<ImpactTotals> Totals, IReadOnlyList<SupportActionImpact> SupportActions);

    private static async Task<Results<Ok<ImpactResponse>, ValidationProblem>> Get(
        [AsParameters] ImpactQuery query, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        if (Refuse(query, services) is { } invalid) return invalid;
        var filter = FilterOf(query, services);
        var rows = await ImpactFigures.RowsAsync(services.Db, filter, ct);
        var actions = await ImpactFigures.ActionsAsync(services.Db, filter, services.Clock.Today(), ct);
        var totals = rows.GroupBy(r => r.Member).OrderBy(g => g.Key)
            .Select(g => new ImpactTotals(g.Key, g.Sum(r => r.Orders), g.Sum(r => r.SalesMad), g.Sum(r => r.DeliveredParcels), g.Sum(r => r.DeliveredIncomeMad)))
            .ToList();
        return TypedResults.Ok(new ImpactResponse(filter.ValueChain, filter.Region, filter.From, filter.To, filter.WindowDays, rows, totals, actions));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Csv(
        [AsParameters] ImpactQuery query, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        if (Refuse(query, services) is { } invalid) return invalid;
        var filter = FilterOf(query, services);
        var rows = await ImpactFigures.RowsAsync(services.Db, filter, ct);
        var csv = new StringBuilder("value_chain,region,month,member,cooperatives,orders,sales_mad,delivered_parcels,delivered_income_mad\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture, $"{r.ValueChain},{r.Region},{r.Month:yyyy-MM},{(r.Member ? "yes" : "no")},{r.Cooperatives},{r.Orders},{r.SalesMad:0.00},{r.DeliveredParcels},{r.DeliveredIncomeMad:0.00}\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"impact-{filter.From:yyyy-MM}-{filter.To:yyyy-MM}.csv");
    }

    /// <summary>By default the last twelve months, this one included, and a 90-day window.</summary>
    private static ImpactFilter FilterOf(ImpactQuery query, SettlementServices services)
    {
        var today = services.Clock.Today();
        var to = query.To ?? today;
        var from = query.From ?? new DateOnly(to.Year, to.Month, 1).AddMonths(-11);
        return new ImpactFilter(Blank(query.ValueChain), Blank(query.Region), from, to, query.WindowDays ?? DefaultWindowDays);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ValidationProblem? Refuse(ImpactQuery query, SettlementServices services)
    {
        if (query.WindowDays is < 1 or > 366)
            return Problems.Invalid(services.Http, nameof(query.WindowDays), "La fenêtre avant/après compte de 1 à 366 jours.", "نافذة ما قبل/ما بعد بين 1 و366 يوما.");
        if (query.From is { } from && query.To is { } to && (from > to || to.DayNumber - from.DayNumber > 366 * 5))
            return Problems.Invalid(services.Http, nameof(query.From), "La période doit aller de « from » à « to », cinq ans au plus.", "يجب أن تمتد الفترة من البداية إلى النهاية، خمس سنوات على الأكثر.");
        if ((query.ValueChain?.Length ?? 0) > 40 || (query.Region?.Length ?? 0) > 40)
            return Problems.Invalid(services.Http, nameof(query.ValueChain), "Filière ou région inconnue.", "سلسلة أو جهة غير معروفة.");
        return null;
    }
}
