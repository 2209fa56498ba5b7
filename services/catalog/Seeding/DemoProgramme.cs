using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Seeding;

/// <summary>
/// Demo members of the Tathmine programme (تثمين): one or two per value chain, in several regions, each with the weak
/// links its diagnosis found and the support it received. Dates count back from the day of seeding, so the impact
/// page always has months before and after each action.
/// </summary>
internal static class DemoProgramme
{
    private sealed record DemoAction(SupportKind Kind, int MonthsAgo, decimal CostMad, string Notes);

    private sealed record DemoMember(int Cooperative, string ValueChain, int JoinedMonthsAgo, string[] WeakLinks, string Note, DemoAction[] Actions);

    private static readonly DemoMember[] Members =
    [
        new(1, "argan", 14, ["packaging", "marketing"], "Huile de qualité, conditionnement artisanal et peu de débouchés hors du souk de Taroudant.",
            [new(SupportKind.Training, 11, 18_000m, "Formation à l'hygiène et à l'étiquetage (ONSSA)."), new(SupportKind.Equipment, 6, 65_000m, "Presse et unité de mise en bouteille.")]),
        new(3, "saffron", 12, ["certification", "marketing"], "Safran de Taliouine vendu en vrac aux intermédiaires ; label AOP non exploité.",
            [new(SupportKind.TechnicalSupport, 8, 24_000m, "Accompagnement au dossier de l'appellation d'origine."), new(SupportKind.ProfessionalOrganisation, 4, 9_500m, "Adhésion au groupement des coopératives de safran.")]),
        new(4, "honey", 10, ["production", "quality"], "Ruches traditionnelles, rendement faible, miel non analysé.",
            [new(SupportKind.Equipment, 5, 42_000m, "Ruches modernes et extracteur.")]),
        new(5, "dates", 13, ["logistics", "packaging"], "Pertes après récolte faute de chambre froide ; vente en vrac.",
            [new(SupportKind.Training, 9, 12_000m, "Tri et conditionnement des dattes."), new(SupportKind.TechnicalSupport, 3, 30_000m, "Étude d'une chambre froide partagée.")]),
        new(8, "textiles-carpets", 12, ["marketing", "skills"], "Savoir-faire zayane reconnu, prix fixés par les bazaristes.",
            [new(SupportKind.Training, 7, 15_000m, "Formation à la vente en ligne et au calcul du prix de revient.")]),
        new(9, "couscous", 11, ["production", "governance"], "Roulage à la main, registres et assemblée générale à mettre à jour.",
            [new(SupportKind.Equipment, 6, 38_000m, "Rouleuse et séchoir solaire.")]),
        new(10, "pottery", 9, ["quality", "logistics"], "Casse au transport, émaux au plomb à remplacer.",
            [new(SupportKind.TechnicalSupport, 5, 20_000m, "Émaux sans plomb et emballage de transport.")]),
        new(18, "dates", 7, ["finance"], "Fonds de roulement insuffisant au moment de la récolte.",
            [new(SupportKind.Equipment, 3, 27_000m, "Balances et caisses de récolte.")]),
        new(24, "cactus", 8, ["certification", "marketing"], "Huile de pépins de figue de Barbarie sans certification cosmétique.",
            [new(SupportKind.ProfessionalOrganisation, 4, 8_000m, "Mise en réseau avec la fédération interprofessionnelle du cactus.")]),
        new(30, "textiles-carpets", 10, ["skills", "marketing"], "Jeunes tisserandes, motifs amazighs peu valorisés.",
            [new(SupportKind.Training, 6, 14_000m, "Atelier de design et de teinture naturelle.")]),
    ];

    /// <summary>Records the membership and support actions of the demo cooperative numbered <paramref name="number"/>, if it is a member.</summary>
    public static void Enrol(CatalogDbContext db, Guid cooperativeId, int number, DateOnly today)
    {
        if (Members.FirstOrDefault(m => m.Cooperative == number) is not { } demo) return;
        var at = DateTimeOffset.UtcNow;
        db.ProgrammeMemberships.Add(new ProgrammeMembership
        {
            CooperativeId = cooperativeId, ValueChain = demo.ValueChain, JoinedOn = today.AddMonths(-demo.JoinedMonthsAgo),
            WeakLinks = [.. demo.WeakLinks], DiagnosisNote = demo.Note, RecordedBy = "demo", UpdatedAt = at,
        });
        foreach (var action in demo.Actions)
            db.SupportActions.Add(new SupportAction
            {
                CooperativeId = cooperativeId, Kind = action.Kind, On = today.AddMonths(-action.MonthsAgo), CostMad = action.CostMad,
                Notes = action.Notes, RecordedBy = "demo", RecordedAt = at,
            });
    }
}
