using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Infrastructure;

namespace Tadamon.Settlement.Ledger;

/// <summary>What the impact figures are asked for: a value chain, a region, months from..to, the before/after window in days.</summary>
public sealed record ImpactFilter(string? ValueChain, string? Region, DateOnly From, DateOnly To, int WindowDays);

/// <summary>
/// One group of the impact figures: a value chain, a region, a month (Casablanca time) and whether the sales were a
/// programme member's. Sales are the orders confirmed that month (what the buyers committed to, cash on delivery);
/// delivered income is what the cooperatives were credited in the ledger for parcels delivered and paid that month,
/// less any that came back. A sale counts as a member's from the day its seller joined the programme.
/// </summary>
public sealed class ImpactRow
{
    public string ValueChain { get; init; } = "";
    public string Region { get; init; } = "";
    public DateOnly Month { get; init; }
    public bool Member { get; init; }
    public int Cooperatives { get; init; }
    public int Orders { get; init; }
    public decimal SalesMad { get; init; }
    public int DeliveredParcels { get; init; }
    public decimal DeliveredIncomeMad { get; init; }
}

/// <summary>A support action and its cooperative's delivered income in the window before its day and the window from it.</summary>
public sealed class SupportActionImpact
{
    public Guid SupportActionId { get; init; }
    public Guid CooperativeId { get; init; }
    public string Kind { get; init; } = "";
    public DateOnly On { get; init; }
    public string ValueChain { get; init; } = "";
    public string Region { get; init; } = "";
    public decimal IncomeBeforeMad { get; init; }
    public decimal IncomeAfterMad { get; init; }
    /// <summary>False while the window after the action is still running: its "after" is not final.</summary>
    public bool WindowComplete { get; set; }
}

/// <summary>
/// The one place the impact numbers come from (the page, its charts and the CSV all read these rows). Delivered income
/// is read from the parcels the ledger posted (their net for the cooperative); a parcel without a known cooperative or a
/// seller without a profile copy yet is grouped under an empty value chain and region rather than dropped.
/// </summary>
public static class ImpactFigures
{
    public static Task<List<ImpactRow>> RowsAsync(SettlementDbContext db, ImpactFilter filter, CancellationToken ct)
    {
        var (chain, region) = (filter.ValueChain ?? "", filter.Region ?? "");
        var (from, until) = (filter.From, filter.To.AddDays(1));
        return db.Database.SqlQuery<ImpactRow>($"""
            WITH movements AS (
                SELECT o."CooperativeId" AS cooperative, (o."ConfirmedAt" AT TIME ZONE 'Africa/Casablanca')::date AS day,
                       'order' AS kind, o."TotalMad" AS amount
                FROM orders o WHERE o."ConfirmedAt" IS NOT NULL
                UNION ALL
                SELECT p."CooperativeId", (p."CollectedAt" AT TIME ZONE 'Africa/Casablanca')::date, 'delivered', p."NetMad"
                FROM parcels p WHERE p."CollectedAt" IS NOT NULL AND p."ReturnedAt" IS NULL AND p."CooperativeId" IS NOT NULL
            )
            SELECT coalesce(c."ValueChain", '') AS "ValueChain", coalesce(c."Region", '') AS "Region",
                   date_trunc('month', m.day)::date AS "Month",
                   coalesce(m.day >= c."JoinedOn", false) AS "Member",
                   count(DISTINCT m.cooperative)::int AS "Cooperatives",
                   count(*) FILTER (WHERE m.kind = 'order')::int AS "Orders",
                   coalesce(sum(m.amount) FILTER (WHERE m.kind = 'order'), 0) AS "SalesMad",
                   count(*) FILTER (WHERE m.kind = 'delivered')::int AS "DeliveredParcels",
                   coalesce(sum(m.amount) FILTER (WHERE m.kind = 'delivered'), 0) AS "DeliveredIncomeMad"
            FROM movements m LEFT JOIN cooperative_profiles c ON c."CooperativeId" = m.cooperative
            WHERE m.day >= {from} AND m.day < {until}
              AND ({chain} = '' OR c."ValueChain" = {chain}) AND ({region} = '' OR c."Region" = {region})
            GROUP BY 1, 2, 3, 4
            ORDER BY 3, 1, 2, 4
            """).ToListAsync(ct);
    }

    /// <summary>Support actions dated within the period, each with its cooperative's delivered income N days before and from its day.</summary>
    public static async Task<List<SupportActionImpact>> ActionsAsync(SettlementDbContext db, ImpactFilter filter, DateOnly today, CancellationToken ct)
    {
        var (chain, region, days) = (filter.ValueChain ?? "", filter.Region ?? "", filter.WindowDays);
        var actions = await db.Database.SqlQuery<SupportActionImpact>($"""
            SELECT a."SupportActionId", a."CooperativeId", a."Kind", a."On",
                   coalesce(c."ValueChain", '') AS "ValueChain", c."Region",
                   coalesce(sum(p.net) FILTER (WHERE p.day < a."On"), 0) AS "IncomeBeforeMad",
                   coalesce(sum(p.net) FILTER (WHERE p.day >= a."On"), 0) AS "IncomeAfterMad",
                   false AS "WindowComplete"
            FROM support_actions a
            JOIN cooperative_profiles c ON c."CooperativeId" = a."CooperativeId"
            LEFT JOIN LATERAL (
                SELECT (x."CollectedAt" AT TIME ZONE 'Africa/Casablanca')::date AS day, x."NetMad" AS net FROM parcels x
                WHERE x."CooperativeId" = a."CooperativeId" AND x."CollectedAt" IS NOT NULL AND x."ReturnedAt" IS NULL
            ) p ON p.day >= a."On" - {days} AND p.day < a."On" + {days}
            WHERE a."On" >= {filter.From} AND a."On" <= {filter.To}
              AND ({chain} = '' OR c."ValueChain" = {chain}) AND ({region} = '' OR c."Region" = {region})
            GROUP BY a."SupportActionId", a."CooperativeId", a."Kind", a."On", c."ValueChain", c."Region"
            ORDER BY a."On", a."SupportActionId"
            """).ToListAsync(ct);
        foreach (var action in actions) action.WindowComplete = action.On.AddDays(days) <= today;
        return actions;
    }
}
