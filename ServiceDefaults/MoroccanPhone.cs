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

/// <summary>
/// One key per person for what they type at sign-in: an email trimmed and lower-cased, a Moroccan mobile in its
/// stored form whatever its spelling. Identity finds the account by it and the gateway's sign-in limit counts by it,
/// so "+212612345678", "0612345678" and "00212 6 12 34 56 78" share one account and one bucket.
/// </summary>
public static class LoginName
{
    public static string Normalise(string? raw)
    {
        var trimmed = raw?.Trim() ?? "";
        if (trimmed.Contains('@')) return trimmed.ToLowerInvariant();
        return MoroccanPhone.Normalise(trimmed) ?? trimmed.ToLowerInvariant();
    }
}
