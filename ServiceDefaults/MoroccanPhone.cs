using System.Text.RegularExpressions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Moroccan mobile numbers (06 / 07), written any common way, stored as +2126XXXXXXXX: how beneficiaries log in
/// (identity) and how centres reach them (enrollment), so both must read a number the same way.
/// </summary>
public static partial class MoroccanPhone
{
    [GeneratedRegex(@"^(?:\+212|00212|0)([67]\d{8})$")]
    private static partial Regex Mobile();

    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var compact = raw.Replace(" ", "").Replace("-", "").Replace(".", "");
        var match = Mobile().Match(compact);
        return match.Success ? "+212" + match.Groups[1].Value : null;
    }
}
