using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Seeding;

/// <summary>
/// A believable market for a first start: partner cooperatives of the Agency for Social Development
/// (وكالة التنمية الاجتماعية) selling terroir products (المنتجات المجالية) from every region.
/// </summary>
internal static class DemoCatalogData
{
    public sealed record DemoProduct(string NameAr, string NameFr, string Category, string Unit, decimal PriceMad, int Stock);

    public sealed record DemoCooperative(
        string NameAr, string NameFr, string Region, string Province, CooperativeType Type, string Phone, DemoProduct[] Products,
        SellerType SellerType = SellerType.Cooperative);

    private const string StoryAr = "من المنتجات المجالية للتعاونيات الشريكة لوكالة التنمية الاجتماعية، في إطار برنامج تثمين السلاسل الإنتاجية المحلية.";
    private const string StoryFr = "Produit du terroir d'une coopérative partenaire de l'Agence de développement social, soutenue par le programme de valorisation des filières locales.";

    public static string DescriptionAr(DemoProduct p) => $"{p.NameAr}. {StoryAr}";
    public static string DescriptionFr(DemoProduct p) => $"{p.NameFr}. {StoryFr}";

    public static readonly DemoCooperative[] Cooperatives =
    [
        new("تعاونية تيفاوين لزيت أركان", "Coopérative Tifawine d'huile d'argan", "souss-massa", "Taroudant", CooperativeType.Women, "0528000101",
            [new("زيت أركان غذائي", "Huile d'argan alimentaire", "argan-oil", "litre", 320m, 40), new("أملو باللوز", "Amlou aux amandes", "amlou", "jar", 85m, 60)]),
        new("تعاونية أمل النسوية", "Coopérative féminine Amal", "souss-massa", "Tiznit", CooperativeType.Women, "0528000102",
            [new("زيت أركان تجميلي", "Huile d'argan cosmétique", "cosmetics", "ml", 150m, 80)]),
        new("تعاونية تالوين للزعفران", "Coopérative Taliouine du safran", "souss-massa", "Taroudant", CooperativeType.Mixed, "0528000103",
            [new("زعفران حر", "Safran pur de Taliouine", "saffron", "g", 45m, 200)]),
        new("تعاونية إمي نتاكندوت للعسل", "Coopérative Imi n'Takandout du miel", "souss-massa", "Agadir Ida-Outanane", CooperativeType.Youth, "0528000104",
            [new("عسل الزعتر", "Miel de thym", "honey", "kg", 260m, 30), new("عسل الدغموس", "Miel d'euphorbe", "honey", "kg", 300m, 25)]),
        new("تعاونية الواحة للتمور", "Coopérative Al Waha des dattes", "draa-tafilalet", "Errachidia", CooperativeType.Youth, "0535000105",
            [new("تمر المجهول", "Dattes Mejhoul", "dates", "kg", 90m, 150), new("تمر بوفقوس", "Dattes Boufeggous", "dates", "kg", 55m, 120)]),
        new("تعاونية ورود قلعة مكونة", "Coopérative des roses de Kelâat M'Gouna", "draa-tafilalet", "Tinghir", CooperativeType.Women, "0524000106",
            [new("ماء الورد", "Eau de rose", "cosmetics", "ml", 40m, 100)]),
        new("تعاونية زاكورة للحناء", "Coopérative de Zagora du henné", "draa-tafilalet", "Zagora", CooperativeType.Women, "0524000107",
            [new("حناء طبيعية", "Henné naturel", "cosmetics", "g", 30m, 90)]),
        new("تعاونية الأطلس للزرابي", "Coopérative de l'Atlas des tapis", "beni-mellal-khenifra", "Khénifra", CooperativeType.Women, "0523000108",
            [new("زربية زيانية", "Tapis zayane", "carpets", "piece", 2400m, 6), new("حنبل صوفي", "Hanbel en laine", "carpets", "piece", 900m, 10)]),
        new("تعاونية تاكلا للكسكس", "Coopérative Tagla du couscous", "beni-mellal-khenifra", "Azilal", CooperativeType.Women, "0523000109",
            [new("كسكس الشعير", "Couscous d'orge", "couscous", "kg", 35m, 200), new("كسكس بالقمح الكامل", "Couscous complet", "couscous", "kg", 30m, 180)]),
        new("تعاونية آسفي للفخار", "Coopérative de Safi de la poterie", "marrakech-safi", "Safi", CooperativeType.Mixed, "0524000110",
            [new("طاجين فخاري", "Tajine en terre cuite", "pottery", "piece", 120m, 40), new("زليج مزخرف", "Plat décoré", "pottery", "piece", 180m, 25)]),
        new("تعاونية الحوز للزيتون", "Coopérative Al Haouz de l'olive", "marrakech-safi", "Al Haouz", CooperativeType.Youth, "0524000111",
            [new("زيت الزيتون البكر", "Huile d'olive vierge extra", "olive-oil", "litre", 75m, 120)]),
        new("تعاونية الصويرة للعرعار", "Coopérative d'Essaouira du thuya", "marrakech-safi", "Essaouira", CooperativeType.Mixed, "0524000112",
            [new("علبة من خشب العرعار", "Boîte en bois de thuya", "other", "piece", 210m, 15)], SellerType.VerySmallEnterprise),
        new("تعاونية فاس للنحاس", "Coopérative de Fès des cuivres", "fes-meknes", "Fès", CooperativeType.Mixed, "0535000113",
            [new("صينية نحاسية", "Plateau en cuivre", "other", "piece", 350m, 12)], SellerType.VerySmallEnterprise),
        new("تعاونية صفرو للكرز", "Coopérative de Sefrou", "fes-meknes", "Sefrou", CooperativeType.Women, "0535000114",
            [new("مربى الكرز", "Confiture de cerises", "other", "jar", 40m, 70)]),
        new("تعاونية إفران للعسل", "Coopérative d'Ifrane du miel", "fes-meknes", "Ifrane", CooperativeType.Youth, "0535000115",
            [new("عسل الأزير", "Miel de romarin", "honey", "kg", 220m, 35)]),
        new("تعاونية شفشاون للنسيج", "Coopérative de Chefchaouen du tissage", "tanger-tetouan-al-hoceima", "Chefchaouen", CooperativeType.Women, "0539000116",
            [new("جلابة صوفية", "Djellaba en laine", "textiles", "piece", 650m, 8), new("منديل جبلي", "Mendil jebli", "textiles", "piece", 150m, 30)]),
        new("تعاونية الحسيمة للأعشاب", "Coopérative d'Al Hoceïma des plantes", "tanger-tetouan-al-hoceima", "Al Hoceïma", CooperativeType.Mixed, "0539000117",
            [new("أعشاب طبية", "Plantes aromatiques", "spices", "g", 25m, 150)]),
        new("تعاونية فجيج للتمور", "Coopérative de Figuig des dattes", "oriental", "Figuig", CooperativeType.Mixed, "0536000118",
            [new("تمر عزيزة", "Dattes Aziza", "dates", "kg", 70m, 100)]),
        new("تعاونية بركان للكليمنتين", "Coopérative de Berkane", "oriental", "Berkane", CooperativeType.Youth, "0536000119",
            [new("عصير الكليمنتين", "Jus de clémentine", "other", "litre", 20m, 200)]),
        new("تعاونية الخميسات للدوم", "Coopérative de Khémisset du doum", "rabat-sale-kenitra", "Khémisset", CooperativeType.Women, "0537000120",
            [new("سلة من الدوم", "Panier en doum", "basketry", "piece", 90m, 45)]),
        new("تعاونية سلا للطرز", "Coopérative de Salé de la broderie", "rabat-sale-kenitra", "Salé", CooperativeType.Women, "0537000121",
            [new("مفرش مطرز", "Nappe brodée", "textiles", "piece", 480m, 12)]),
        new("تعاونية دكالة للكسكس", "Coopérative Doukkala du couscous", "casablanca-settat", "El Jadida", CooperativeType.Women, "0523000122",
            [new("كسكس بالذرة", "Couscous de maïs", "couscous", "kg", 32m, 150), new("بركوكش", "Berkoukech", "couscous", "kg", 38m, 90)]),
        new("تعاونية سطات للتوابل", "Coopérative de Settat des épices", "casablanca-settat", "Settat", CooperativeType.Mixed, "0523000123",
            [new("رأس الحانوت", "Ras el hanout", "spices", "g", 35m, 120)], SellerType.VerySmallEnterprise),
        new("تعاونية كلميم للصبار", "Coopérative de Guelmim du cactus", "guelmim-oued-noun", "Guelmim", CooperativeType.Youth, "0528000124",
            [new("زيت بذور الصبار", "Huile de pépins de figue de Barbarie", "cactus", "ml", 280m, 30)]),
        new("تعاونية أسا للإبل", "Coopérative d'Assa", "guelmim-oued-noun", "Assa-Zag", CooperativeType.Mixed, "0528000125",
            [new("أملو بالعسل", "Amlou au miel", "amlou", "jar", 95m, 50)]),
        new("تعاونية العيون للخيام", "Coopérative de Laâyoune", "laayoune-sakia-el-hamra", "Laâyoune", CooperativeType.Women, "0528000126",
            [new("ملحفة صحراوية", "Melhfa sahraouie", "textiles", "piece", 260m, 20)]),
        new("تعاونية الداخلة للأسماك", "Coopérative de Dakhla", "dakhla-oued-ed-dahab", "Oued Ed-Dahab", CooperativeType.Youth, "0528000127",
            [new("ملح بحري", "Sel marin", "spices", "kg", 25m, 100)]),
        new("تعاونية أكادير للأملو", "Coopérative d'Agadir de l'amlou", "souss-massa", "Inezgane-Aït Melloul", CooperativeType.Women, "0528000128",
            [new("أملو تقليدي", "Amlou traditionnel", "amlou", "jar", 80m, 70)]),
        new("تعاونية تازة للزيتون", "Coopérative de Taza de l'olive", "fes-meknes", "Taza", CooperativeType.Mixed, "0535000129",
            [new("زيتون أسود", "Olives noires", "olive-oil", "kg", 40m, 90)]),
        new("تعاونية ورزازات للزرابي", "Coopérative de Ouarzazate des tapis", "draa-tafilalet", "Ouarzazate", CooperativeType.Women, "0524000130",
            [new("زربية أمازيغية", "Tapis amazigh", "carpets", "piece", 1800m, 5)]),
    ];
}
