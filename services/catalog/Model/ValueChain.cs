namespace Tadamon.Catalog.Model;

/// <summary>
/// A value chain (سلسلة إنتاجية, filière) of the Tathmine programme: the unit a member cooperative belongs to. It
/// names no products of its own: it groups the market's <see cref="Categories"/>, so there is one list of words.
/// </summary>
public sealed record ValueChain(string Code, string NameAr, string NameFr, IReadOnlyList<string> Categories);

public static class ValueChains
{
    public static readonly IReadOnlyList<ValueChain> All =
    [
        new("argan", "أركان", "Argan", ["argan-oil", "amlou"]),
        new("saffron", "الزعفران", "Safran", ["saffron"]),
        new("honey", "العسل", "Miel", ["honey"]),
        new("dates", "التمور", "Dattes", ["dates"]),
        new("couscous", "الكسكس", "Couscous", ["couscous"]),
        new("cactus", "الصبار", "Cactus", ["cactus"]),
        new("textiles-carpets", "النسيج والزرابي", "Textiles et tapis", ["carpets", "textiles"]),
        new("pottery", "الفخار", "Poterie", ["pottery"]),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(v => v.Code == code);

    /// <summary>The value chain a product category belongs to, if any (olive oil, spices... are outside the programme's chains).</summary>
    public static ValueChain? OfCategory(string? category) => All.FirstOrDefault(v => v.Categories.Contains(category ?? ""));

    /// <summary>The first of a seller's product families that belongs to a chain: where a non-member is counted.</summary>
    public static string? OfFamilies(IEnumerable<string> families) =>
        families.Select(OfCategory).FirstOrDefault(v => v is not null)?.Code;
}
