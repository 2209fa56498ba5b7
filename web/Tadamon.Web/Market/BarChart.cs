using System.Globalization;
using System.Net;
using System.Text;

namespace Tadamon.Web.Market;

/// <summary>
/// Grouped bar charts drawn on the server as inline SVG: no script, readable on a slow phone. The chart is an image
/// with a title and a description (role="img"); the table beside it carries the same numbers for screen readers.
/// </summary>
public static class BarChart
{
    public sealed record Series(string Name, string CssClass);

    public sealed record Group(string Label, IReadOnlyList<decimal> Values);

    private const int Height = 220, Top = 20, Bottom = 40, Left = 10, GroupWidth = 64, BarGap = 4;

    /// <summary>One group of bars per label, one bar per series; right to left when <paramref name="rtl"/>.</summary>
    public static string Render(string id, string title, string description, IReadOnlyList<Series> series, IReadOnlyList<Group> groups, bool rtl)
    {
        var max = groups.SelectMany(g => g.Values).DefaultIfEmpty(0m).Max();
        var width = Left * 2 + Math.Max(1, groups.Count) * GroupWidth;
        var plot = Height - Top - Bottom;
        var bar = (GroupWidth - 12 - BarGap * (series.Count - 1)) / Math.Max(1, series.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg id="{id}" class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {Height}" width="{width}" height="{Height}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{E(title)}</title><desc id="{id}-desc">{E(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plot}" x2="{width - Left}" y2="{Top + plot}" class="axis"/>""");
        for (var g = 0; g < groups.Count; g++)
        {
            var slot = rtl ? groups.Count - 1 - g : g;
            var x0 = Left + slot * GroupWidth + 6;
            for (var s = 0; s < series.Count; s++)
            {
                var value = groups[g].Values[s];
                var h = max == 0m ? 0 : (int)Math.Round(plot * (double)(value / max));
                var x = x0 + (rtl ? series.Count - 1 - s : s) * (bar + BarGap);
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{Top + plot - h}" width="{bar}" height="{h}" class="{series[s].CssClass}"/>""");
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0 + (GroupWidth - 12) / 2}" y="{Height - Bottom + 16}" text-anchor="middle" class="label">{E(groups[g].Label)}</text>""");
        }
        for (var s = 0; s < series.Count; s++)
        {
            var x = rtl ? width - Left - 12 - s * 110 : Left + s * 110;
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{Height - 14}" width="10" height="10" class="{series[s].CssClass}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{(rtl ? x - 4 : x + 14)}" y="{Height - 5}" text-anchor="{(rtl ? "end" : "start")}" class="label">{E(series[s].Name)}</text>""");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
