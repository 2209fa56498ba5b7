using Microsoft.Extensions.DependencyInjection;

namespace Tadamon.AppHost;

/// <summary>Buttons on each service in the Aspire dashboard, calling the service's operator endpoints.</summary>
internal static class OperatorCommands
{
    public static IResourceBuilder<ProjectResource> WithDeadLetterCommands(this IResourceBuilder<ProjectResource> service) =>
        service.WithOperatorCommand("replay-dead-letters", "Replay dead letters", "/operations/dead-letters/replay-all", new CommandOptions
        {
            Description = "Send every message parked in this service's _error queues back to its queue.",
            IconName = "ArrowRepeatAll",
            ConfirmationMessage = "Replay every dead letter of this service? Do it once the cause of the failures is fixed.",
        });

    /// <summary>For a platform started with <c>Seed:Demo=false</c>: fill this (empty) service with the demo data.</summary>
    public static IResourceBuilder<ProjectResource> WithDemoDataCommand(this IResourceBuilder<ProjectResource> service) =>
        service.WithOperatorCommand("seed-demo-data", "Seed demo data", "/operations/demo-data", new CommandOptions
        {
            Description = "Fill this service with the demo data if it holds none yet (a second press changes nothing).",
            IconName = "DatabaseArrowUp",
        });

    private static IResourceBuilder<ProjectResource> WithOperatorCommand(
        this IResourceBuilder<ProjectResource> service, string name, string displayName, string path, CommandOptions options)
    {
        service.ApplicationBuilder.Services.AddHttpClient();
        var endpoint = service.GetEndpoint("http");
        // Only a healthy service can do it: the button is greyed out otherwise.
        options.UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
        return service.WithCommand(name, displayName, async context =>
        {
            using var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint.Url}{path}");
            // The dashboard acts as an operator, with a short token the AppHost signs with identity's key.
            var token = context.Services.GetRequiredService<OperatorTokens>().Mint(TimeProvider.System);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, context.CancellationToken);
            return response.IsSuccessStatusCode
                ? CommandResults.Success()
                : CommandResults.Failure($"The service answered {(int)response.StatusCode}.");
        }, options);
    }
}
