using Microsoft.Extensions.Options;

namespace Tadamon.CourierSandbox;

/// <summary>
/// Remits on a cycle (and on demand): a signed Standard Webhook per statement to the platform's remittance URL,
/// retried with backoff under the same webhook id until a 2xx, as a real courier's statement would be.
/// </summary>
public sealed class RemittanceSender(
    CashBox cashBox, IHttpClientFactory clients, IOptions<SandboxOptions> sandbox, IOptions<RemittanceOptions> options, TimeProvider clock,
    ILogger<RemittanceSender> logger) : BackgroundService
{
    /// <summary>Builds and sends the next statement now; null when nothing is owed.</summary>
    public RemittanceStatement? RemitNow(CancellationToken ct)
    {
        var statement = cashBox.Next(options.Value.FeeMad);
        if (statement is not null) _ = SendAsync($"msg_{Guid.NewGuid():N}", statement, ct);
        return statement;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Cycle <= TimeSpan.Zero) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.Cycle, clock, stoppingToken);
                RemitNow(stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task SendAsync(string id, RemittanceStatement statement, CancellationToken ct)
    {
        if (await SignedCallbacks.UntilAcknowledgedAsync(c => PostAsync(id, statement, c), sandbox.Value.MaxDeliveryAttempts * 2, clock, ct))
            logger.LogInformation("Remittance {Reference} ({Lines} lines) delivered", statement.TransferReference, statement.Lines.Count);
        else if (!ct.IsCancellationRequested)
            logger.LogWarning("Remittance {Reference} given up", statement.TransferReference);
    }

    private Task<int> PostAsync(string id, RemittanceStatement statement, CancellationToken ct)
    {
        var url = options.Value.Url
            ?? (sandbox.Value.WebhookUrl is { } parcels ? new Uri(parcels.ToString().TrimEnd('/') + "/remittances") : null);
        if (url is null) { logger.LogWarning("No remittance URL (Sandbox:WebhookUrl or Sandbox:Remittance:Url); statement {Id} dropped", id); return Task.FromResult(0); }
        return SignedCallbacks.PostAsync(clients.CreateClient(WebhookSender.ClientName), url.ToString(), sandbox.Value.SigningSecret, id, statement, clock, logger, ct);
    }
}

/// <summary>The remittance side of the sandbox, registered and mapped in one place.</summary>
public static class RemittanceSetup
{
    public static WebApplicationBuilder AddRemittances(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RemittanceOptions>().BindConfiguration("Sandbox:Remittance");
        builder.Services.AddSingleton<CashBox>();
        builder.Services.AddSingleton<RemittanceSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RemittanceSender>());
        return builder;
    }

    public static WebApplication MapRemittanceControl(this WebApplication app)
    {
        var control = app.MapGroup("/control/remittances").WithTags("Sandbox control");
        control.MapPost("/send", (RemittanceSender sender, IHostApplicationLifetime life) =>
                sender.RemitNow(life.ApplicationStopping) is { } statement ? Results.Ok(statement) : Results.NoContent())
            .WithName("RemitNow").WithSummary("Send a remittance statement now for every delivered parcel not yet remitted (204: nothing owed)");
        control.MapGet("/faults", (CashBox box) => TypedResults.Ok(box.Faults)).WithName("GetRemittanceFaults");
        control.MapPost("/faults/{fault}", (string fault, string? tracking, CashBox box) => box.Add(fault, tracking) ? Results.Ok(box.Faults) : Results.NotFound())
            .WithName("AddRemittanceFault")
            .WithSummary("The next statement: remit-twice (a parcel listed twice), forget (a parcel left out, remitted next time), wrong-amount (10 MAD short); " +
                "?tracking= aims the fault at that parcel; reset");
        return app;
    }
}
