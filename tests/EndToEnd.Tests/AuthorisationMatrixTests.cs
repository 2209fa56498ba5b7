using System.Net;
using System.Text;
using Aspire.Hosting.Testing;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Every operation of every service, from its OpenAPI document, called with no token and with each role's demo
/// token, through the gateway and straight at the service: 401 without a token, 403 for a role not allowed, and
/// neither for an allowed role (unless the handler refuses someone else's resource, which the cross-tenant tests
/// cover). Path parameters are fresh ids and bodies are empty, so allowed calls end in 404 or 400 and change nothing.
/// </summary>
[Collection("platform")]
public sealed class AuthorisationMatrixTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications"];

    [Fact]
    public async Task Every_endpoint_Should_answer_each_role_and_no_token_as_the_access_rules_say_through_the_gateway_and_directly()
    {
        var sessions = await EndpointAccess.DemoSessionsAsync(platform.Accounts);
        var failures = new List<string>();
        var calls = 0;
        var listed = new HashSet<string>();

        foreach (var service in Services)
        {
            using var direct = platform.App.CreateHttpClient(service, "http");
            foreach (var operation in await EndpointAccess.OperationsOf(platform.Gateway, service))
            {
                listed.Add(operation.Id);
                if (!EndpointAccess.Rules.TryGetValue(operation.Id, out var rule))
                {
                    failures.Add($"{operation.Id} ({operation.Method} {service}{operation.Path}) has no access rule: add it to EndpointAccess");
                    continue;
                }
                foreach (var caller in EndpointAccess.Roles.Prepend(EndpointAccess.Anonymous))
                {
                    var expected = Expect(rule, caller);
                    foreach (var (client, prefix, where) in new[] { (platform.Gateway, $"/api/{service}", "gateway"), (direct, "", "direct") })
                    {
                        using var request = new HttpRequestMessage(operation.Method, prefix + operation.Path);
                        if (operation.TakesJson) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                        if (sessions.TryGetValue(caller, out var session)) request.As(session);
                        using var response = await client.SendAsync(request);
                        calls++;
                        var status = (int)response.StatusCode;
                        if (!expected(status))
                        {
                            failures.Add($"{operation.Id} {operation.Method} {prefix}{operation.Path} as {caller} via {where}: {status}");
                        }
                    }
                }
            }
        }

        foreach (var stale in EndpointAccess.Rules.Keys.Except(listed)) failures.Add($"rule for {stale}, which no OpenAPI document lists");
        Assert.True(calls > 600, $"only {calls} calls made: are the OpenAPI documents complete?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the rules:\n" + string.Join('\n', failures));
    }

    /// <summary>What a caller may be answered: a predicate over the status code.</summary>
    private static Func<int, bool> Expect(EndpointAccess.Rule rule, string caller)
    {
        if (rule.Signed) return status => status == 401;
        if (rule.Allowed is null) return status => status is not (401 or 403) and < 500;
        if (caller == EndpointAccess.Anonymous) return status => status == 401;
        if (!rule.Allowed.Contains(caller)) return status => status == 403;
        return rule.Scoped
            ? status => status is not 401 and < 500
            : status => status is not (401 or 403) and < 500;
    }
}
