using Microsoft.Extensions.Options;
using Tadamon.Catalog.Infrastructure;

namespace Tadamon.Catalog.Stock;

/// <summary>Periodically reports expired reservations to orders (through the outbox), which cancels what it may.</summary>
public sealed class ReservationSweeper(IServiceScopeFactory scopes, IOptions<StockOptions> options, ILogger<ReservationSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) > 0) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reservation sweep failed; next round retries");
            }
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var expired = await scope.ServiceProvider.GetRequiredService<StockLedger>().ExpireDueAsync(100, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (expired > 0) logger.LogInformation("Reported {Count} expired stock reservations to orders", expired);
        return expired;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
