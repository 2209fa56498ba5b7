using System.Net;
using System.Text.RegularExpressions;

namespace Tadamon.Courses.Model;

/// <summary>
/// Lesson text is Markdown that may carry a little HTML. Browsers of beneficiaries render it, so everything
/// outside a short allow-list goes: dangerous elements with their content, other tags (text kept), every attribute
/// except a link's http(s) target, and script-bearing Markdown links.
/// </summary>
public static partial class LessonContent
{
    private static readonly HashSet<string> AllowedTags =
        ["p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a"];

    [GeneratedRegex(@"<\s*(script|style|iframe|object|embed|template|svg|math|noscript)\b[^>]*>.*?<\s*/\s*\1\s*>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DangerousElement();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\bhref\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    // [text](javascript:...) and similar: the target is dropped, the text stays.
    [GeneratedRegex(@"\]\(\s*(?:javascript|vbscript|data):(?:[^()]|\([^()]*\))*\)", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeMarkdownLink();

    public static string Sanitise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // The marker is ours alone: input carrying it could otherwise forge an allowed tag.
        var clean = DangerousElement().Replace(text.Replace(Marker.ToString(), "", StringComparison.Ordinal), "");
        clean = Comment().Replace(clean, "");
        clean = Tag().Replace(clean, KeepAllowedTag);
        // A '<' left over can only start an unterminated tag: neutralise it.
        clean = clean.Replace("<", "&lt;", StringComparison.Ordinal);
        clean = RestoreAllowed(clean);
        clean = UnsafeMarkdownLink().Replace(clean, "]()");
        return clean.Trim();
    }

    public static bool IsSafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // Allowed tags are first written with a private marker so the '<' escaping above leaves them alone.
    private const char Marker = '\u0001';

    private static string KeepAllowedTag(Match tag)
    {
        var closing = tag.Groups[1].Value == "/";
        var name = tag.Groups[2].Value.ToLowerInvariant();
        if (!AllowedTags.Contains(name)) return "";
        if (closing) return $"{Marker}/{name}>";
        if (name != "a") return $"{Marker}{name}>";

        var href = Href().Match(tag.Groups[3].Value);
        var target = href.Success ? WebUtility.HtmlDecode(href.Groups[1].Value + href.Groups[2].Value + href.Groups[3].Value) : null;
        return IsSafeLink(target)
            ? $"{Marker}a href=\"{WebUtility.HtmlEncode(target)}\" rel=\"noopener nofollow\">"
            : $"{Marker}a>";
    }

    private static string RestoreAllowed(string text) => text.Replace(Marker, '<');
}
