using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;

namespace Tadamon.Web.Backend;

/// <summary>The platform's services by their discovery names; the web server calls them, never the browser.</summary>
public static class Services
{
    public const string Identity = "identity";
    public const string Catalog = "catalog";
    public const string Orders = "orders";
    public const string Shipping = "shipping";
    public const string Courses = "courses";
    public const string Enrollment = "enrollment";
    public const string Settlement = "settlement";
    public const string Notifications = "notifications";
    public static readonly string[] All = [Identity, Catalog, Orders, Shipping, Courses, Enrollment, Settlement, Notifications];
}

/// <summary>
/// A refusal or failure a service answered with (RFC 7807). Its title is already in the user's language, because
/// every call forwards the page's language as <c>Accept-Language</c>; pages show <see cref="Message"/> as is.
/// </summary>
public sealed class ApiProblem(HttpStatusCode status, string message, IReadOnlyDictionary<string, string[]> errors)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The title and every field message, for one line under a form.</summary>
    public string Summary => Errors.Count == 0 ? Message : string.Join(" ", Errors.Values.SelectMany(v => v));
}

/// <summary>
/// Calls a service as the signed-in person: their access token as bearer, the page's language as Accept-Language.
/// Answers are read as JSON; anything but success becomes an <see cref="ApiProblem"/>.
/// </summary>
public sealed class Api(IHttpClientFactory clients)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task<T> GetAsync<T>(string service, string path, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>Null when the service answers 404: a missing thing is a normal page state, not an error.</summary>
    public async Task<T?> FindAsync<T>(string service, string path, CancellationToken ct = default) where T : class
    {
        try { return await GetAsync<T>(service, path, ct); }
        catch (ApiProblem p) when (p.Status == HttpStatusCode.NotFound) { return null; }
    }

    public Task<T> PostAsync<T>(string service, string path, object? body, CancellationToken ct = default, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }, options: Json) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<T>(service, request, ct);
    }

    public Task<T> PutAsync<T>(string service, string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, ct);

    public Task<T> DeleteAsync<T>(string service, string path, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Delete, path), ct);

    /// <summary>A file the person chose in a form, sent on as the service's multipart field <c>file</c>.</summary>
    public async Task<T> PostFileAsync<T>(string service, string path, IFormFile file, CancellationToken ct = default)
    {
        await using var stream = file.OpenReadStream();
        var part = new StreamContent(stream);
        part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { part, "file", Path.GetFileName(file.FileName) is { Length: > 0 } name ? name : "photo" } };
        return await SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, ct);
    }

    /// <summary>A file answer (CSV exports), passed through to the browser.</summary>
    public async Task<(byte[] Bytes, string ContentType)> DownloadAsync(string service, string path, CancellationToken ct = default)
    {
        using var response = await clients.CreateClient(service).GetAsync(path, ct);
        await ThrowUnlessSuccessAsync(response, ct);
        return (await response.Content.ReadAsByteArrayAsync(ct), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
    }

    private async Task<T> SendAsync<T>(string service, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await clients.CreateClient(service).SendAsync(request, ct))
        {
            await ThrowUnlessSuccessAsync(response, ct);
            if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(Unit)) return default!;
            return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
        }
    }

    private static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        string title = "";
        var errors = new Dictionary<string, string[]>();
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            if (problem.ValueKind == JsonValueKind.Object)
            {
                if (problem.TryGetProperty("title", out var t)) title = t.GetString() ?? "";
                if (problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                        errors[field.Name] = [.. field.Value.EnumerateArray().Select(v => v.GetString() ?? "")];
                }
            }
        }
        catch (JsonException) { }
        catch (NotSupportedException) { } // not JSON: the status alone speaks
        throw new ApiProblem(response.StatusCode, title, errors);
    }
}

/// <summary>For calls whose answer body does not matter.</summary>
public readonly record struct Unit;

/// <summary>
/// Puts the signed-in person's access token and the page's language on every call to a service. Never the
/// stand-in identity headers: services know the caller from the token alone.
/// </summary>
public sealed class CallerHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (accessor.HttpContext is { } http)
        {
            if (await http.GetTokenAsync("access_token") is { Length: > 0 } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Headers.AcceptLanguage.Clear();
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
        return await base.SendAsync(request, ct);
    }
}
