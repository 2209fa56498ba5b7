using System.Net;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Health through the gateway: anyone learns whether a service is up, nothing more; an operator sees each check.
/// (The AppHost's own probes call each service's /health directly; the platform starting at all proves they work.)
/// </summary>
[Collection("platform")]
public sealed class HealthEndpointTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications"];

    [Fact]
    public async Task Health_Should_give_anyone_a_bare_status_and_an_operator_the_checks()
    {
        var operatorSession = (await EndpointAccess.DemoSessionsAsync(platform.Accounts))[EndpointAccess.Operator];
        foreach (var service in Services)
        {
            using var anonymous = await platform.Gateway.GetAsync($"/api/{service}/health");
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            var bare = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["status"], bare.EnumerateObject().Select(p => p.Name));

            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{service}/health");
            using var detailed = await platform.Gateway.SendAsync(request.As(operatorSession));
            var checks = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            Assert.True(checks.EnumerateObject().Count() >= 2, $"{service}: an operator should see the database and broker checks");
        }
    }
}
