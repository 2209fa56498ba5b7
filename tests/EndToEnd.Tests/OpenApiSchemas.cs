using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Reads a service's OpenAPI document the way a fuzzer would: which fields of a request body are free text, which
/// query parameters an operation takes and of what kind, so the bad-input suite reaches every one of them.
/// </summary>
public static class OpenApiSchemas
{
    /// <summary>The operation of a document matching a concrete path (its parameters already filled in).</summary>
    public static JsonElement? Operation(JsonElement document, string concretePath, string method)
    {
        // The most literal template wins: ".../lessons/order" is ReorderLessons, not EditLesson with id "order".
        var matches = document.GetProperty("paths").EnumerateObject()
            .Where(path => Regex.IsMatch(concretePath, "^" + Regex.Replace(Regex.Escape(path.Name).Replace(@"\{", "{"), "{[^}]+}", "[^/]+") + "$"))
            .OrderBy(path => path.Name.Count(c => c == '{'));
        foreach (var path in matches)
        {
            if (path.Value.TryGetProperty(method.ToLowerInvariant(), out var operation)) return operation;
        }
        return null;
    }

    public static JsonElement? RequestBody(JsonElement document, string concretePath, string method) =>
        Operation(document, concretePath, method) is { } operation
        && operation.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("schema", out var schema)
            ? Resolve(document, schema)
            : null;

    /// <summary>Dotted paths ("address.street") of the string fields that hold free text: not ids, dates, or enums.</summary>
    public static IEnumerable<string> TextFields(JsonElement document, JsonElement schema, string prefix = "", int depth = 0)
    {
        if (depth > 4 || !schema.TryGetProperty("properties", out var properties)) yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var field = Resolve(document, property.Value);
            var name = prefix + property.Name;
            if (IsText(field)) yield return name;
            else if (field.TryGetProperty("properties", out _))
            {
                foreach (var nested in TextFields(document, field, name + ".", depth + 1)) yield return nested;
            }
        }
    }

    /// <summary>A JSON body holding <paramref name="text"/> in each of these dotted fields.</summary>
    public static string BodyWith(IEnumerable<string> fields, string text)
    {
        var root = new JsonObject();
        foreach (var field in fields)
        {
            var parts = field.Split('.');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }
            node[parts[^1]] = text;
        }
        return root.ToJsonString();
    }

    /// <summary>Query parameters with their kind ("enum", "text" or "number") and, for an enum, its names.</summary>
    public static IEnumerable<(string Name, string Kind, string[] Names)> QueryParameters(JsonElement document, string concretePath, string method)
    {
        if (Operation(document, concretePath, method) is not { } operation || !operation.TryGetProperty("parameters", out var parameters)) yield break;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.GetProperty("in").GetString() != "query" || !parameter.TryGetProperty("schema", out var raw)) continue;
            var schema = Resolve(document, raw);
            var name = parameter.GetProperty("name").GetString()!;
            if (schema.TryGetProperty("enum", out var names))
            {
                yield return (name, "enum", [.. names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]);
            }
            else if (Types(schema).Any(t => t is "integer" or "number" or "boolean") || Format(schema) is "uuid" or "date" or "date-time")
            {
                yield return (name, "number", []);
            }
            else if (IsText(schema))
            {
                yield return (name, "text", []);
            }
        }
    }

    private static bool IsText(JsonElement schema) =>
        Types(schema).Contains("string") && Format(schema) is null && !schema.TryGetProperty("enum", out _);

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var f) ? f.GetString() : null;

    private static IEnumerable<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? "")
        : [type.GetString() ?? ""];

    /// <summary>Follows <c>$ref</c>, and takes the non-null branch of a nullable <c>oneOf</c>/<c>anyOf</c>.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema, int depth = 0)
    {
        if (depth > 8) return schema;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) target = target.GetProperty(part);
            return Resolve(document, target, depth + 1);
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!schema.TryGetProperty(combinator, out var branches)) continue;
            foreach (var branch in branches.EnumerateArray())
            {
                var resolved = Resolve(document, branch, depth + 1);
                if (!Types(resolved).SequenceEqual(["null"])) return resolved;
            }
        }
        return schema;
    }
}
