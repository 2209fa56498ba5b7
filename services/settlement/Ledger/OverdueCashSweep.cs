using Microsoft.Extensions.Options;
using Tadamon.Settlement.Infrastructure;

namespace Tadamon.Settlement.Ledger;

/// <summary>
/// Looks every <see cref="SettlementOptions.OverdueSweepInterval"/> for cash the courier has held too long. Replicas
/// may sweep together: the reconciliation lock serialises them and a discrepancy opens once per parcel.
/// </summary>
public sealed class OverdueCashSweep(IServiceScopeFactory scopes, IOptions<SettlementOptions> options, TimeProvider clock, ILogger<OverdueCashSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SettlementDbContext>();
                await using var tx = await db.Database.BeginTransactionAsync(stoppingToken);
                var flagged = await scope.ServiceProvider.GetRequiredService<SettlementBook>().FlagOverdueAsync(stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                await tx.CommitAsync(stoppingToken);
                if (flagged > 0) logger.LogWarning("{Count} parcel(s) of cash held by the courier beyond {Limit}", flagged, options.Value.CashHoldLimit);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The sweep for cash held too long failed; it runs again at the next interval");
            }
            try { await Task.Delay(options.Value.OverdueSweepInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
