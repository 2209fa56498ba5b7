using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using k8s;
using k8s.Models;

namespace Tadamon.Deployment.Tests;

/// <summary>
/// Checks each object against the Kubernetes schema without a cluster. Built-in kinds: read into the client
/// library's typed model (a wrong type fails there) and written back; a field the model does not know is dropped
/// on the way, so any field of the original missing from the copy is a field Kubernetes would not know either.
/// The operators' kinds: their CRD schemas, kept in deploy/kubernetes/crd-schemas (nothing fetched at run time).
/// </summary>
public static class Schemas
{
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> BuiltIn = typeof(V1Deployment).Assembly
        .GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is { Kind.Length: > 0 } && !x.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(x => (string.IsNullOrEmpty(x.Entity!.Group) ? x.Entity.ApiVersion : $"{x.Entity.Group}/{x.Entity.ApiVersion}", x.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly Lazy<Dictionary<(string ApiVersion, string Kind), JsonSchema>> Custom = new(() =>
        Directory.GetFiles(Path.Combine(Repository.Kubernetes, "crd-schemas"), "*.json").Select(file =>
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            var key = ((string)node["x-tadamon-apiVersion"]!, (string)node["x-tadamon-kind"]!);
            return (key, schema: JsonSchema.FromText(node.ToJsonString()));
        }).ToDictionary(x => x.key, x => x.schema));

    private static readonly MethodInfo DeserializeMethod = typeof(KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(KubernetesJson.Deserialize) && m.IsGenericMethod
            && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string));

    /// <summary>What is wrong with each object, as "Kind/name: problem"; empty when every object is valid.</summary>
    public static IReadOnlyList<string> Problems(Manifest manifest) => manifest.Objects.SelectMany(Problems).ToList();

    public static IEnumerable<string> Problems(JsonObject o)
    {
        var key = ((string?)o["apiVersion"] ?? "", Manifest.Kind(o));
        if (BuiltIn.TryGetValue(key, out var type)) return BuiltInProblems(o, type);
        if (Custom.Value.TryGetValue(key, out var schema)) return CustomProblems(o, schema);
        return [$"{Manifest.Id(o)}: {key.Item1} {key.Item2} is neither a built-in kind nor a kept CRD schema"];
    }

    private static IEnumerable<string> BuiltInProblems(JsonObject o, Type type)
    {
        object typed;
        try
        {
            typed = DeserializeMethod.MakeGenericMethod(type).Invoke(null, [o.ToJsonString(), null])!;
        }
        catch (TargetInvocationException e)
        {
            return [$"{Manifest.Id(o)}: not a valid {type.Name}: {e.InnerException?.Message}"];
        }
        var back = JsonNode.Parse(KubernetesJson.Serialize(typed))!;
        var kept = Leaves(back).ToDictionary(l => l.Path, l => l.Value);
        return Leaves(o)
            .Where(l => !kept.TryGetValue(l.Path, out var value) || value != l.Value)
            .Select(l => kept.ContainsKey(l.Path)
                ? $"{Manifest.Id(o)}: {l.Path} = {l.Value} reads back as {kept[l.Path]}"
                : $"{Manifest.Id(o)}: {l.Path} is not a field of {type.Name}");
    }

    private static IEnumerable<string> CustomProblems(JsonObject o, JsonSchema schema)
    {
        using var document = JsonDocument.Parse(o.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Manifest.Id(o)}: {d.InstanceLocation} {e.Value}"))
            .DefaultIfEmpty($"{Manifest.Id(o)}: does not match its CRD schema");
    }

    /// <summary>Every scalar (and every empty map or list) with its path; numbers and strings compare as text.</summary>
    private static IEnumerable<(string Path, string Value)> Leaves(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } map:
                foreach (var (k, v) in map) foreach (var leaf in Leaves(v, $"{path}.{k}")) yield return leaf;
                break;
            case JsonArray { Count: > 0 } list:
                for (var i = 0; i < list.Count; i++) foreach (var leaf in Leaves(list[i], $"{path}[{i}]")) yield return leaf;
                break;
            case JsonObject or JsonArray:
                yield return (path, "(empty)");
                break;
            case null:
                break;
            default:
                yield return (path, node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }
}
