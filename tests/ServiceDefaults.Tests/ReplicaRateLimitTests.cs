using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Tadamon.Gateway;
using Xunit;

namespace Tadamon.ServiceDefaults.Tests;

/// <summary>
/// A limit is what one client may do on the whole platform: with N gateways (Gateway:Replicas) behind a balancer,
/// each lets through its share, so the client's sum over the gateways stays within the configured limit.
/// </summary>
public sealed class ReplicaRateLimitTests
{
    [Theory]
    [InlineData(10, 1, 10)]
    [InlineData(10, 2, 5)]
    [InlineData(10, 3, 4)]   // rounded up: 12 in all, never fewer than one each
    [InlineData(2000, 3, 667)]
    [InlineData(1, 5, 1)]
    [InlineData(30, 0, 30)]  // a nonsense count is read as one gateway
    public void Each_replica_Should_allow_its_share_of_a_limit(int limit, int replicas, int share) =>
        Assert.Equal(share, ClientRateLimits.SharePerReplica(limit, replicas));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 5)]
    public async Task One_gateway_of_several_Should_refuse_the_sign_ins_past_its_share(int replicas, int admitted)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["Gateway:Replicas"] = replicas.ToString();
        builder.Configuration["Gateway:RateLimits:login:WindowSeconds"] = "3600"; // no refill during the test
        builder.AddRateLimits();
        await using var app = builder.Build();
        app.UseRateLimits();
        app.MapPost("/api/identity/connect/token", () => Results.Ok()).RequireRateLimiting(RateLimits.Login);
        await app.StartAsync();
        using var client = app.GetTestClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var response = await client.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "guess@essai.tadamon.ma", ["password"] = $"p{attempt}" }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(admitted, statuses.TakeWhile(s => s == HttpStatusCode.OK).Count());
        Assert.All(statuses.Skip(admitted), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
