using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>The platform's spine, seen from outside: through the gateway only.</summary>
[Collection("platform")]
public sealed class SpineTests(PlatformFixture platform)
{
    public static TheoryData<string> Services => new() { "identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_Should_report_its_database_and_broker_healthy_through_the_gateway(string service)
    {
        // The checks are an operator's to see; anyone else gets a bare status (HealthEndpointTests).
        var operatorSession = (await EndpointAccess.DemoSessionsAsync(platform.Accounts))[EndpointAccess.Operator];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{service}/health");
        using var response = await platform.Gateway.SendAsync(request.As(operatorSession));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains(checks, name => name.Contains("DbContext", StringComparison.Ordinal));
        Assert.Contains(checks, name => name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_Should_publish_an_OpenAPI_document_that_points_back_through_the_gateway(string service)
    {
        using var document = JsonDocument.Parse(await platform.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"));

        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Contains(servers, url => url!.EndsWith($"/api/{service}", StringComparison.Ordinal));
        Assert.NotEmpty(document.RootElement.GetProperty("paths").EnumerateObject());
    }

    [Fact]
    public async Task The_API_reference_page_Should_list_every_service()
    {
        var page = await platform.Gateway.GetStringAsync("/docs/");
        // Scalar resolves each source against the site's root, i.e. /api/{service}/openapi/v1.json.
        foreach (var service in Services) Assert.Contains($"\"url\":\"api/{service}/openapi/v1.json\"", page);
    }

    [Fact]
    public async Task Products_catalog_published_Should_reach_the_orders_price_book_through_the_broker()
    {
        // The demo catalogue is published through catalog's outbox at start; orders learns each price from the event.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement product;
        while (true)
        {
            var page = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/catalog/products?pageSize=1&sort=PriceDesc");
            if (page.GetProperty("items").GetArrayLength() > 0) { product = page.GetProperty("items")[0]; break; }
            Assert.True(DateTime.UtcNow < deadline, "the demo catalogue never appeared");
            await Task.Delay(250);
        }
        var productId = product.GetProperty("id").GetGuid();

        HttpResponseMessage entry;
        while ((entry = await platform.Gateway.GetAsync($"/api/orders/price-book/{productId}")).StatusCode == HttpStatusCode.NotFound
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        var price = await entry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(product.GetProperty("priceMad").GetDecimal(), price.GetProperty("priceMad").GetDecimal());
        Assert.Equal(product.GetProperty("nameAr").GetString(), price.GetProperty("nameAr").GetString());
    }

    [Fact]
    public async Task An_invalid_product_Should_be_refused_with_problem_details_and_nothing_published()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products")
        {
            Content = JsonContent.Create(new { cooperativeId = Guid.NewGuid(), nameAr = "", nameFr = "X", unit = "kg", priceMad = -5m }),
        };
        using var response = await platform.Gateway.SendAsync(request.As(await platform.Accounts.OperatorAsync()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ToList();
        Assert.Contains(errors, e => e.Contains("namear"));
        Assert.Contains(errors, e => e.Contains("pricemad"));
    }

    [Fact]
    public async Task Answers_through_the_gateway_Should_carry_security_headers_and_no_CORS_grant_for_strangers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/health");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await platform.Gateway.SendAsync(request);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
