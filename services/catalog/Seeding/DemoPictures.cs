using System.Globalization;
using System.Text;
using NetVips;
using Tadamon.Catalog.Photos;

namespace Tadamon.Catalog.Seeding;

/// <summary>
/// A picture for each demo product, drawn here (nothing is downloaded): the category's colours, a motif of what it
/// is (a bottle, a jar, dates, a rug's lozenges...) and a border whose pattern comes from the product's name, so two
/// products of one category still differ. Drawn as SVG, rendered by libvips to PNG, then uploaded through the same
/// checks and renditions as a manager's photo.
/// </summary>
internal static class DemoPictures
{
    private const int Width = 960, Height = 720;

    private sealed record Palette(string Sky, string Ground, string Ink, string Accent);

    private static Palette For(string category) => category switch
    {
        "argan-oil" => new("#f6e7c1", "#c98b2b", "#7a4a12", "#e7b347"),
        "olive-oil" => new("#eef3d6", "#6f8f2e", "#3c5216", "#b9c95a"),
        "honey" => new("#fff1c9", "#e0a106", "#7a5200", "#ffcf3f"),
        "dates" => new("#f7e6d0", "#8c5a2b", "#4e2c10", "#c7884a"),
        "amlou" => new("#f8ead7", "#a8652c", "#5a3312", "#d99a5b"),
        "saffron" => new("#efe6f7", "#7b4fa3", "#c0262d", "#f2a81d"),
        "cosmetics" => new("#fbe9ee", "#d2819b", "#7e2f4b", "#f4c2cf"),
        "carpets" or "textiles" => new("#f5e3df", "#b2342b", "#2f3a6b", "#e9b949"),
        "couscous" => new("#fbf3e2", "#d9b56a", "#7b5a1d", "#f0d596"),
        "pottery" => new("#f6e4d6", "#b8562b", "#5b2a12", "#e58f5c"),
        "spices" => new("#fbe8d5", "#d2561b", "#6b2a0a", "#f2b33d"),
        "basketry" => new("#f3ecd9", "#b39156", "#5f4a22", "#dcc58d"),
        _ => new("#e8f0f2", "#2f7d8c", "#173f47", "#8cc6cf"),
    };

    private static string Motif(string category, Palette c) => category switch
    {
        "argan-oil" or "olive-oil" or "cosmetics" =>
            $"""<rect x="410" y="170" width="140" height="70" rx="12" fill="{c.Ink}"/><path d="M380 240 h200 v300 q0 60 -60 60 h-80 q-60 0 -60 -60 z" fill="{c.Accent}" stroke="{c.Ink}" stroke-width="10"/><rect x="400" y="360" width="160" height="110" rx="10" fill="{c.Sky}"/>""",
        "honey" or "amlou" =>
            $"""<rect x="360" y="220" width="240" height="60" rx="14" fill="{c.Ink}"/><rect x="340" y="280" width="280" height="300" rx="40" fill="{c.Accent}" stroke="{c.Ink}" stroke-width="10"/><path d="M420 400 l60 -40 l60 40 l-60 40 z" fill="{c.Sky}"/>""",
        "dates" =>
            string.Concat(Enumerable.Range(0, 7).Select(i =>
                $"""<ellipse cx="{300 + i * 60}" cy="{420 + (i % 2) * 50}" rx="42" ry="70" fill="{(i % 2 == 0 ? c.Ink : c.Ground)}" transform="rotate({i * 9 - 27} {300 + i * 60} {420 + (i % 2) * 50})"/>""")),
        "saffron" =>
            string.Concat(Enumerable.Range(0, 6).Select(i =>
                $"""<ellipse cx="480" cy="300" rx="46" ry="120" fill="{c.Ground}" transform="rotate({i * 60} 480 400)"/>""")) +
            $"""<circle cx="480" cy="400" r="40" fill="{c.Accent}"/><path d="M470 400 l-20 -90 M490 400 l20 -90 M480 400 l0 -100" stroke="{c.Ink}" stroke-width="10"/>""",
        "carpets" or "textiles" or "basketry" =>
            string.Concat(Enumerable.Range(0, 3).Select(i =>
                $"""<path d="M480 {200 + i * 130} l110 65 l-110 65 l-110 -65 z" fill="{(i == 1 ? c.Accent : c.Ink)}"/>""")) +
            $"""<rect x="300" y="180" width="360" height="430" fill="none" stroke="{c.Ink}" stroke-width="14"/>""",
        "couscous" =>
            $"""<path d="M290 400 h380 q-20 180 -190 180 q-170 0 -190 -180 z" fill="{c.Ground}" stroke="{c.Ink}" stroke-width="10"/><ellipse cx="480" cy="395" rx="180" ry="60" fill="{c.Accent}"/>""",
        "pottery" =>
            $"""<path d="M480 190 q30 0 30 30 l130 230 h-320 l130 -230 q0 -30 30 -30 z" fill="{c.Ground}" stroke="{c.Ink}" stroke-width="10"/><ellipse cx="480" cy="470" rx="230" ry="50" fill="{c.Accent}" stroke="{c.Ink}" stroke-width="10"/>""",
        "spices" =>
            string.Concat(Enumerable.Range(0, 3).Select(i =>
                $"""<path d="M{250 + i * 170} 560 q80 -{180 + i % 2 * 60} 160 0 z" fill="{(i == 1 ? c.Accent : c.Ground)}" stroke="{c.Ink}" stroke-width="8"/>""")),
        _ => $"""<circle cx="480" cy="390" r="170" fill="{c.Accent}" stroke="{c.Ink}" stroke-width="12"/><circle cx="480" cy="390" r="80" fill="{c.Ground}"/>""",
    };

    /// <summary>PNG bytes of the product's picture, deterministic for a given name and category.</summary>
    public static byte[] Draw(string nameFr, string category)
    {
        PhotoProcessor.EnsureConfigured();
        var c = For(category);
        var seed = nameFr.Aggregate(17, (h, ch) => unchecked(h * 31 + ch));
        var step = 40 + Math.Abs(seed % 4) * 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{c.Sky}"/><stop offset="1" stop-color="{c.Accent}"/></linearGradient></defs>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="url(#g)"/><rect y="{Height - 110}" width="{Width}" height="110" fill="{c.Ground}"/>""");
        // The border: a row of lozenges above and below, spaced by the name.
        for (var x = step / 2; x < Width; x += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{x} 20 l{step / 3} 24 l-{step / 3} 24 l-{step / 3} -24 z" fill="{c.Ink}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="M{x} {Height - 92} l{step / 3} 24 l-{step / 3} 24 l-{step / 3} -24 z" fill="{c.Sky}"/>""");
        }
        svg.Append(Motif(category, c)).Append("</svg>");
        using var image = Image.SvgloadBuffer(Encoding.UTF8.GetBytes(svg.ToString()));
        return image.PngsaveBuffer(compression: 1, keep: Enums.ForeignKeep.None);
    }
}
