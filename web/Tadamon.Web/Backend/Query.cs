namespace Tadamon.Web.Backend;

public static class Query
{
    /// <summary>A path with the given parameters, empty ones left out, each escaped.</summary>
    public static string Of(string path, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var pairs = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }
}
