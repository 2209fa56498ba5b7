using System.Text.Json;
using Xunit;

namespace Tadamon.TestSupport;

/// <summary>
/// What a partner needs from a service's OpenAPI document to integrate from /docs alone: every operation says how
/// it is secured (a scheme, or explicitly none), token-protected ones list their 401 and 403, and every request body
/// has a schema.
/// </summary>
public static class OpenApiContract
{
    public static async Task<JsonElement> AssertCompleteAsync(HttpClient service, string path = "/openapi/v1.json")
    {
        using var response = await service.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());

        var problems = new List<string>();
        foreach (var pathItem in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in pathItem.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
            {
                var name = $"{op.Name.ToUpperInvariant()} {pathItem.Name}";
                var operation = op.Value;
                if (!operation.TryGetProperty("security", out var security) || security.GetArrayLength() == 0)
                {
                    problems.Add($"{name}: no security declared");
                    continue;
                }
                var requirements = security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
                foreach (var scheme in requirements.Where(s => !schemes.TryGetProperty(s, out _)))
                    problems.Add($"{name}: unknown security scheme {scheme}");
                var responses = operation.GetProperty("responses");
                if (requirements.Contains("Bearer") && !(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _)))
                    problems.Add($"{name}: token required but no 401/403 response");
                if (operation.TryGetProperty("requestBody", out var body)
                    && (!body.TryGetProperty("content", out var content) || !content.EnumerateObject().Any()
                        || content.EnumerateObject().Any(c => !c.Value.TryGetProperty("schema", out _))))
                    problems.Add($"{name}: request body without a schema");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        return document;
    }
}

public static class OpenApiDocumentExtensions
{
    /// <summary>The schema itself, following a <c>$ref</c> into the document's components.</summary>
    public static JsonElement Resolve(this JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    public static JsonElement Operation(this JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    public static JsonElement Schema(this JsonElement document, string name) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    public static IReadOnlyList<string?> EnumValues(this JsonElement schema) =>
        schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
}
