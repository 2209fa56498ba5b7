namespace Tadamon.Catalog.Model;

/// <summary>One of Morocco's twelve regions (2015 division). Codes are stable; names are shown to people.</summary>
public sealed record Region(string Code, string NameFr, string NameAr);

public static class Regions
{
    public static readonly IReadOnlyList<Region> All =
    [
        new("tanger-tetouan-al-hoceima", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"),
        new("oriental", "L'Oriental", "الشرق"),
        new("fes-meknes", "Fès-Meknès", "فاس مكناس"),
        new("rabat-sale-kenitra", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
        new("beni-mellal-khenifra", "Béni Mellal-Khénifra", "بني ملال خنيفرة"),
        new("casablanca-settat", "Casablanca-Settat", "الدار البيضاء سطات"),
        new("marrakech-safi", "Marrakech-Safi", "مراكش آسفي"),
        new("draa-tafilalet", "Drâa-Tafilalet", "درعة تافيلالت"),
        new("souss-massa", "Souss-Massa", "سوس ماسة"),
        new("guelmim-oued-noun", "Guelmim-Oued Noun", "كلميم واد نون"),
        new("laayoune-sakia-el-hamra", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
        new("dakhla-oued-ed-dahab", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(r => r.Code == code);
}

/// <summary>What a product is, for browsing; codes are stable and shown translated by the frontend.</summary>
public static class Categories
{
    public static readonly IReadOnlyList<string> All =
    [
        "argan-oil", "olive-oil", "saffron", "honey", "amlou", "couscous", "dates", "spices", "cosmetics",
        "carpets", "pottery", "textiles", "basketry", "cactus", "other",
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

public static class Units
{
    public static readonly IReadOnlyList<string> All = ["kg", "g", "litre", "ml", "piece", "box", "jar", "m2"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
