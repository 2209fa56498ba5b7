using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Tadamon.Gateway;
using Xunit;

namespace Tadamon.ServiceDefaults.Tests;

/// <summary>
/// The shared pipeline (MapDefaultEndpoints) hosted in memory with a connection address of our choosing: which
/// forwarded headers it believes, the scheme it then sees (HSTS, Secure cookies), and the problems it gives bad input.
/// </summary>
public sealed class EdgePipelineTests
{
    public enum Sort { Newest, PriceAsc, PriceDesc }
    public sealed record SearchQuery(string? Q, Sort? Sort, int? Page);
    public sealed record Note(string Reason, Inner? Inner);
    public sealed record Inner(string Text);

    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(string remote, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            return next(context);
        });
        app.UseSecurityHeaders();
        app.MapDefaultEndpoints();
        app.MapGet("/echo", (HttpContext http) => new { scheme = http.Request.Scheme, address = http.Connection.RemoteIpAddress!.ToString() });
        app.MapGet("/search", ([AsParameters] SearchQuery query) => query.Sort.ToString());
        app.MapPost("/note", (Note note) => note.Reason);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unconfigured_address_Should_be_ignored_even_on_loopback()
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("127.0.0.1", echo.GetProperty("address").GetString());
        Assert.Equal("http", echo.GetProperty("scheme").GetString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/24, ::1/128")]
    public async Task Forwarded_headers_from_a_configured_proxy_Should_give_the_client_address_the_https_scheme_and_HSTS(string key, string value)
    {
        var (app, client) = await StartAsync("10.0.0.5", (key, value));
        await using var running = app;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("203.0.113.9", echo.GetProperty("address").GetString());
        Assert.Equal("https", echo.GetProperty("scheme").GetString());
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task An_unknown_enum_in_a_query_Should_be_a_problem_naming_the_parameter_and_its_values_in_French_or_Arabic()
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;

        using var french = await client.GetAsync("/search?Sort=price");
        var problem = await french.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.Equal("application/problem+json", french.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Valeurs acceptées : Newest, PriceAsc, PriceDesc.", problem.GetProperty("errors").GetProperty("Sort")[0].GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/search?page=deux");
        request.Headers.AcceptLanguage.ParseAdd("ar");
        using var arabic = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        Assert.Contains("«deux»", (await arabic.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Page")[0].GetString());
    }

    [Theory]
    [InlineData("{\"reason\":\"abc\\u0000def\"}", "reason")]
    [InlineData("{\"reason\":\"ok\",\"inner\":{\"text\":\"a\\u0085b\"}}", "inner.text")]
    [InlineData("{\"reason\":\"a\\u001bb\"}", "reason")]
    public async Task A_control_character_in_any_JSON_text_Should_be_a_400_naming_the_field(string body, string field)
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;

        using var response = await client.PostAsync("/note", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Tabs_and_line_breaks_Should_be_accepted_in_text()
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;

        using var response = await client.PostAsync("/note", new StringContent("{\"reason\":\"ligne 1\\r\\n\\tligne 2 ⵜⴰⵎⴰⵣⵉⵖⵜ \\u202E\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Note", "\u043a\u043b\u044e\u0447")]
    [InlineData("Idempotency-Key", "key\u202Eevil")]
    public async Task A_header_outside_visible_ASCII_Should_be_a_400_naming_it(string header, string value)
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(header, out _));
    }

    [Fact]
    public async Task The_text_rule_Should_leave_string_fields_described_as_strings_in_the_OpenAPI_document()
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var reason = document.GetProperty("components").GetProperty("schemas").GetProperty("Note").GetProperty("properties").GetProperty("reason");
        Assert.Equal("string", reason.GetProperty("type").GetString());
        var search = document.GetProperty("paths").GetProperty("/search").GetProperty("get").GetProperty("parameters")[0];
        Assert.Contains("string", search.GetProperty("schema").GetProperty("type").ToString());
    }

    [Fact]
    public async Task Health_Should_be_bare_for_anyone()
    {
        var (app, client) = await StartAsync("127.0.0.1");
        await using var running = app;

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
    }
}
