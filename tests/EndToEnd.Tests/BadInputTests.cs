using System.Net;
using System.Net.Http.Json;
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
    private static readonly string[] Services = ["identity", "catalog", "orders", "shipping", "courses", "enrollment", "settlement", "notifications"];

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

    [Theory]
    [InlineData("fr", "/api/catalog/products", 2, "1 Mo au plus")]
    [InlineData("ar", "/api/catalog/products", 2, "1 ميغابايت على الأكثر")]
    [InlineData("fr", "/api/catalog/products/00000000-0000-0000-0000-000000000001/photos", 9, "8 Mo au plus")]
    public async Task A_body_over_the_gateway_limit_Should_be_refused_before_reaching_a_service_with_a_problem_in_the_callers_language(
        string language, string path, int megabytes, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(new byte[megabytes * 1024 * 1024]),
        };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await platform.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    /// <summary>Header values no HTTP client should send: letters outside ASCII (raw UTF-8), and a bidi override.</summary>
    private static readonly (string Header, string Value)[] Headers =
    [
        ("X-Note", "ключ"),
        ("Idempotency-Key", "ключ-идемпотентности"),
        ("Idempotency-Key", "key\u202Eevil"),
        ("Accept-Language", "ar-MA\u00A0fr"),
    ];

    [Fact]
    public async Task Every_operation_Should_refuse_a_header_outside_ASCII_with_a_400_problem_naming_it()
    {
        // HttpClient refuses to send such headers itself; a handler that writes them as UTF-8 plays the odd client.
        using var raw = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = platform.Gateway.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var failures = new List<string>();
        var targets = new List<(HttpMethod Method, string Path)> { (HttpMethod.Get, "/"), (HttpMethod.Get, "/learn"), (HttpMethod.Get, "/docs"),
            (HttpMethod.Post, "/webhooks/courier"), (HttpMethod.Post, "/api/identity/connect/token") };
        foreach (var service in Services)
        {
            targets.AddRange((await EndpointAccess.OperationsOf(platform.Gateway, service)).Select(o => (o.Method, $"/api/{service}{o.Path}")));
            targets.Add((HttpMethod.Get, $"/api/{service}/health"));
        }
        foreach (var (method, path) in targets)
        {
            foreach (var (header, value) in Headers)
            {
                using var request = new HttpRequestMessage(method, path);
                if (method != HttpMethod.Get) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                request.Headers.TryAddWithoutValidation(header, value);
                using var response = await raw.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{method} {path} with {header}: {(int)response.StatusCode} {body}");
                }
                else if (!JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(header, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{method} {path} with {header}: the problem does not name the header: {body}");
                }
            }
        }
        Assert.True(targets.Count > 60, $"only {targets.Count} operations found");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task Every_text_field_of_every_command_Should_refuse_control_characters_with_a_400_naming_the_field()
    {
        var failures = new List<string>();
        var fields = 0;
        var sessions = await EndpointAccess.DemoSessionsAsync(platform.Accounts);
        foreach (var service in Services)
        {
            using var document = JsonDocument.Parse(await platform.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"));
            foreach (var (method, path, id) in await CommandsOf(service))
            {
                // Authenticated by signature over the raw body, before any field is read (the courier's parcel news and
                // remittances, the SMS gateway's delivery reports and phone replies).
                if (id is "ReceiveCourierWebhook" or "ReceiveRemittance" or "ReceiveSmsDeliveryReport" or "ReceiveSmsReply") continue;
                var allowed = EndpointAccess.Rules.TryGetValue(id, out var rule) ? rule.Allowed?.FirstOrDefault() : null;
                var schema = OpenApiSchemas.RequestBody(document.RootElement, path, method.Method);
                if (schema is null) continue;
                var texts = OpenApiSchemas.TextFields(document.RootElement, schema.Value).ToList();
                // NUL in each text field alone, then every other kind of control character in all of them at once.
                var bodies = texts.Select(f => (Name: $"NUL in {f}", Field: (string?)f, Body: OpenApiSchemas.BodyWith([f], "abc\u0000def")))
                    .Append((Name: "ESC, DEL, NEL and a C0 in every text field", Field: null,
                        Body: OpenApiSchemas.BodyWith(texts, "abc\u001b[31m\u007f\u0085\u0001def")));
                if (texts.Count == 0) continue;
                foreach (var (name, field, body) in bodies)
                {
                    fields++;
                    using var request = new HttpRequestMessage(method, $"/api/{service}{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("Idempotency-Key", $"control-{Guid.NewGuid():N}");
                    if (allowed is not null) request.As(sessions[allowed]);
                    using var response = await platform.Gateway.SendAsync(request);
                    var answer = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        failures.Add($"{method} /api/{service}{path} with {name}: {(int)response.StatusCode} {answer}");
                    }
                    else if (field is not null && !answer.Contains($"\"{field}\"", StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"{method} /api/{service}{path} with {name}: the problem does not name the field: {answer}");
                    }
                }
            }
            using var health = await platform.Gateway.GetAsync($"/api/{service}/health");
            if (health.StatusCode != HttpStatusCode.OK) failures.Add($"{service} unhealthy after control characters");
        }
        Assert.True(fields > 40, $"only {fields} text fields were tried: are the request schemas missing?");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_cancel_reason_with_a_NUL_Should_be_a_400_naming_reason_not_a_500()
    {
        var buyer = (await EndpointAccess.DemoSessionsAsync(platform.Accounts))[EndpointAccess.Buyer];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{Guid.NewGuid()}/cancel")
        {
            Content = new StringContent("{\"reason\":\"abc\\u0000def\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("fr");
        using var response = await platform.Gateway.SendAsync(request.As(buyer));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("caractère de contrôle", errors.GetProperty("reason")[0].GetString());
    }

    [Fact]
    public async Task Every_query_parameter_Should_refuse_an_unknown_enum_garbage_and_control_characters_with_a_400_naming_it()
    {
        var failures = new List<string>();
        var tried = 0;
        var sessions = await EndpointAccess.DemoSessionsAsync(platform.Accounts);
        foreach (var service in Services)
        {
            using var document = JsonDocument.Parse(await platform.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"));
            foreach (var operation in await EndpointAccess.OperationsOf(platform.Gateway, service))
            {
                var allowed = EndpointAccess.Rules.TryGetValue(operation.Id, out var rule) ? rule.Allowed?.FirstOrDefault() : null;
                foreach (var (parameter, kind, names) in OpenApiSchemas.QueryParameters(document.RootElement, operation.Path, operation.Method.Method))
                {
                    var value = kind switch { "enum" => "not-a-value", "text" => "abc\u0000def", _ => "pas-un-nombre" };
                    using var request = new HttpRequestMessage(operation.Method, $"/api/{service}{operation.Path}?{parameter}={Uri.EscapeDataString(value)}");
                    if (operation.TakesJson) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    if (allowed is not null) request.As(sessions[allowed]);
                    using var response = await platform.Gateway.SendAsync(request);
                    tried++;
                    var answer = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{operation.Method} /api/{service}{operation.Path}?{parameter} ({kind}): {(int)response.StatusCode} {answer}");
                        continue;
                    }
                    var errors = JsonDocument.Parse(answer).RootElement.TryGetProperty("errors", out var e) ? e : default;
                    if (errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any(f => f.Name.Equals(parameter, StringComparison.OrdinalIgnoreCase)))
                    {
                        failures.Add($"{operation.Method} /api/{service}{operation.Path}?{parameter} ({kind}): the problem does not name it: {answer}");
                    }
                    else if (kind == "enum" && names.Any(n => !answer.Contains(n, StringComparison.Ordinal)))
                    {
                        failures.Add($"{operation.Method} /api/{service}{operation.Path}?{parameter}: the problem does not list {string.Join(", ", names)}: {answer}");
                    }
                }
            }
        }
        Assert.True(tried > 20, $"only {tried} query parameters were tried");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_product_search_sorted_by_an_unknown_order_Should_name_the_parameter_and_its_values()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products?Sort=price");
        request.Headers.AcceptLanguage.ParseAdd("ar");
        using var response = await platform.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = problem.GetProperty("errors").GetProperty("Sort")[0].GetString()!;
        Assert.Contains("PriceAsc", message);
        Assert.Contains("القيم المقبولة", message);
    }

    /// <summary>POST, PUT and PATCH operations that take a JSON body, with path parameters filled with fresh ids.</summary>
    private async Task<List<(HttpMethod Method, string Path, string Id)>> CommandsOf(string service) =>
        [.. (await EndpointAccess.OperationsOf(platform.Gateway, service))
            .Where(o => o.TakesJson && o.Method.Method is "POST" or "PUT" or "PATCH")
            .Select(o => (o.Method, o.Path, o.Id))];
}
