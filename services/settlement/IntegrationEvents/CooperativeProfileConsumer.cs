using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;

namespace Tadamon.Settlement.IntegrationEvents;

/// <summary>
/// Keeps settlement's copy of a seller's region, value chain, membership and support-action days: what the impact
/// figures group by. A versioned upsert in one statement: an older or repeated event finds a newer row and changes
/// nothing, and two replicas applying two versions at once queue on the row's lock.
/// </summary>
public sealed class CooperativeProfileConsumer(SettlementDbContext db, ILogger<CooperativeProfileConsumer> logger)
    : InboxConsumer<CooperativeProfileChanged, SettlementDbContext>(db, logger)
{
    protected override async Task HandleAsync(CooperativeProfileChanged message, ConsumeContext<CooperativeProfileChanged> context)
    {
        var ct = context.CancellationToken;
        var won = await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO cooperative_profiles ("CooperativeId", "Version", "Region", "SellerType", "ValueChain", "Programme", "JoinedOn")
            VALUES ({message.CooperativeId}, {message.Version}, {message.Region}, {message.SellerType}, {message.ValueChain}, {message.Programme}, {message.JoinedOn})
            ON CONFLICT ("CooperativeId") DO UPDATE SET
                "Version" = EXCLUDED."Version", "Region" = EXCLUDED."Region", "SellerType" = EXCLUDED."SellerType",
                "ValueChain" = EXCLUDED."ValueChain", "Programme" = EXCLUDED."Programme", "JoinedOn" = EXCLUDED."JoinedOn"
            WHERE cooperative_profiles."Version" < EXCLUDED."Version"
            """, ct);
        if (won == 0) return;

        var ids = message.SupportActions.Select(a => a.SupportActionId).ToArray();
        var kinds = message.SupportActions.Select(a => a.Kind).ToArray();
        var days = message.SupportActions.Select(a => a.On).ToArray();
        await Db.Database.ExecuteSqlAsync($"""DELETE FROM support_actions WHERE "CooperativeId" = {message.CooperativeId}""", ct);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO support_actions ("SupportActionId", "CooperativeId", "Kind", "On")
            SELECT a.id, {message.CooperativeId}, a.kind, a.day FROM unnest({ids}::uuid[], {kinds}::text[], {days}::date[]) AS a(id, kind, day)
            """, ct);
    }
}
