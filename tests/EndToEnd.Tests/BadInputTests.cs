using System.Net;
using System.Text;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Every command of every service, found in its OpenAPI document, fed input no client should send. The platform
/// must answer a 4xx problem, never a 5xx, and stay healthy.
/// </summary>
[Collection("platform")]
public sealed class BadInputTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment"];

    private static readonly (string Name, string Body)[] Bodies =
    [
        ("cut-short JSON", "{\"name\": \"تعاونية"),
        ("an array instead of an object", "[1, 2, 3]"),
        ("wrong types everywhere", "{\"priceMad\": \"cher\", \"capacity\": {}, \"quantity\": [], \"startsAt\": 12}"),
        ("absurd numbers", "{\"priceMad\": -1e308, \"quantity\": 99999999999999999999, \"capacity\": -5}"),
        ("injection-shaped text", "{\"nameFr\": \"'; DROP TABLE products; --\", \"nameAr\": \"<script>alert(1)</script>\"}"),
    ];

    [Fact]
    public async Task Every_command_Should_refuse_malformed_bodies_with_a_4xx_problem_and_stay_healthy()
    {
        var failures = new List<string>();
        var tried = 0;
        // Each command is called by a role allowed to call it, so the bad body reaches the service's binding and
        // validation instead of stopping at the role check.
        var sessions = await EndpointAccess.DemoSessionsAsync(platform.Accounts);
        foreach (var service in Services)
        {
            foreach (var (method, path, id) in await CommandsOf(service))
            {
                var allowed = EndpointAccess.Rules.TryGetValue(id, out var rule) ? rule.Allowed?.FirstOrDefault() : null;
                foreach (var (name, body) in Bodies)
                {
                    using var request = new HttpRequestMessage(method, $"/api/{service}{path}")
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    if (allowed is not null) request.As(sessions[allowed]);
                    using var response = await platform.Gateway.SendAsync(request);
                    tried++;
                    var status = (int)response.StatusCode;
                    if (status is < 400 or >= 500)
                    {
                        failures.Add($"{method} /api/{service}{path} with {name}: {status} {await response.Content.ReadAsStringAsync()}");
                    }
                    else if (response.Content.Headers.ContentLength > 0 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{method} /api/{service}{path} with {name}: {status} answered {response.Content.Headers.ContentType} instead of a problem");
                    }
                }
            }
            using var health = await platform.Gateway.GetAsync($"/api/{service}/health");
            if (health.StatusCode != HttpStatusCode.OK) failures.Add($"{service} unhealthy after bad input");
        }

        Assert.True(tried > 50, $"only {tried} requests were tried: are the OpenAPI documents empty?");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_body_over_the_gateway_limit_Should_be_refused_before_reaching_a_service()
    {
        var huge = "{\"nameFr\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var response = await platform.Gateway.PostAsync("/api/catalog/products", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>POST, PUT and PATCH operations that take a JSON body, with path parameters filled with fresh ids.</summary>
    private async Task<List<(HttpMethod Method, string Path, string Id)>> CommandsOf(string service) =>
        [.. (await EndpointAccess.OperationsOf(platform.Gateway, service))
            .Where(o => o.TakesJson && o.Method.Method is "POST" or "PUT" or "PATCH")
            .Select(o => (o.Method, o.Path, o.Id))];
}
