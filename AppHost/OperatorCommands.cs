using Microsoft.Extensions.DependencyInjection;

namespace Tadamon.AppHost;

/// <summary>Buttons on each service in the Aspire dashboard, calling the service's operator endpoints.</summary>
internal static class OperatorCommands
{
    public static IResourceBuilder<ProjectResource> WithDeadLetterCommands(this IResourceBuilder<ProjectResource> service)
    {
        service.ApplicationBuilder.Services.AddHttpClient();
        var endpoint = service.GetEndpoint("http");
        return service.WithCommand(
            name: "replay-dead-letters",
            displayName: "Replay dead letters",
            executeCommand: async context =>
            {
                using var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint.Url}/operations/dead-letters/replay-all");
                var token = context.Services.GetRequiredService<OperatorTokens>().Mint(TimeProvider.System);
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, context.CancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"The service answered {(int)response.StatusCode}.");
                }
                return CommandResults.Success();
            },
            commandOptions: new CommandOptions
            {
                Description = "Send every message parked in this service's _error queues back to its queue.",
                IconName = "ArrowRepeatAll",
                ConfirmationMessage = "Replay every dead letter of this service? Do it once the cause of the failures is fixed.",
                UpdateState = context => context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
    }
}
