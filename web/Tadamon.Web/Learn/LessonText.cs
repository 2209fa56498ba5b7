using System.Net;
using System.Text.RegularExpressions;

namespace Tadamon.Web.Learn;

/// <summary>
/// Lesson text as courses stores it: Markdown with a little HTML, already cut down by courses' sanitiser to an
/// allow-list of tags. Here only **bold** and paragraphs are turned into HTML; the page's policy forbids scripts
/// besides, so a sanitiser slip could not run code.
/// </summary>
public static partial class LessonText
{
    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    public static string Render(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(paragraphs.Select(p => p.StartsWith('<') ? p : $"<p>{Bold().Replace(p, "<strong>$1</strong>").Replace("\n", "<br>")}</p>"));
    }

    /// <summary>How a lesson's media is played: sound or picture, told by the file's ending.</summary>
    public static bool IsAudio(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.AbsolutePath.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase)
            || uri.AbsolutePath.EndsWith(".ogg", StringComparison.OrdinalIgnoreCase) || uri.AbsolutePath.EndsWith(".m4a", StringComparison.OrdinalIgnoreCase));

    public static string Encode(string s) => WebUtility.HtmlEncode(s);
}
