using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Tadamon.Deployment.Tests;

/// <summary>The objects of one rendered overlay, each as a JSON tree (as the API server would receive it).</summary>
public sealed class Manifest(IEnumerable<JsonObject> objects)
{
    private readonly List<JsonObject> _objects = objects.ToList();

    public IReadOnlyList<JsonObject> Objects => _objects;

    /// <summary>Takes an object out (the tests that break a manifest on purpose).</summary>
    public void Remove(string kind, string name) => _objects.Remove(Get(kind, name));

    public static Manifest Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new Manifest(stream.Documents
            .Where(d => d.RootNode is YamlMappingNode)
            .Select(d => (JsonObject)ToJson(d.RootNode)!));
    }

    /// <summary>A deep copy to break on purpose (the tests that prove the checks catch a broken manifest).</summary>
    public Manifest Copy() => new(Objects.Select(o => (JsonObject)o.DeepClone()));

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kind(o) == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).FirstOrDefault(o => Name(o) == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"no {kind} {name} in the manifest");

    public static string Kind(JsonNode o) => (string?)o["kind"] ?? "";
    public static string Name(JsonNode o) => (string?)o["metadata"]?["name"] ?? "";
    public static string Id(JsonNode o) => $"{Kind(o)}/{Name(o)}";

    /// <summary>YAML's plain scalars become numbers, booleans or null as a Kubernetes API server reads them.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Plain(string text) => text switch
    {
        "" or "null" or "~" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) => JsonValue.Create(d),
        _ => JsonValue.Create(text),
    };
}
