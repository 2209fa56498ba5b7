using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;

namespace Tadamon.Settlement;

public static class Extensions
{
    public static IHostApplicationBuilder AddSettlementServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SettlementDbContext>("settlementdb");
        builder.AddMessaging<SettlementDbContext>("settlement", typeof(Extensions).Assembly);
        builder.Services.AddOptions<SettlementOptions>().BindConfiguration("Settlement")
            .Validate(o => o.DeliveryFeeMad >= 0m && decimal.Round(o.DeliveryFeeMad, 2) == o.DeliveryFeeMad, "Settlement:DeliveryFeeMad: MAD, two decimals, not negative")
            .Validate(o => o.CashHoldLimit > TimeSpan.Zero && o.OverdueSweepInterval > TimeSpan.Zero, "Settlement: the hold limit and sweep interval must be positive")
            .ValidateOnStart();
        builder.Services.AddScoped<SettlementBook>();
        builder.Services.AddScoped<PayoutRuns>();
        builder.Services.AddHostedService<OverdueCashSweep>();
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
