using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Infrastructure;

/// <summary>
/// The Kelaa des Sraghna delegation's digital window as a demo: one centre of each type, each with a published
/// course, modules, lessons and upcoming live classes. Courses are published through the same path as the API,
/// so enrollment fills its copies from the events. Ids are derived from names: seeding twice changes nothing.
/// </summary>
public static class DemoData
{
    private const string Province = "Kelâat Es-Sraghna";

    private sealed record LessonSeed(string Ar, string Fr, string TextAr, string TextFr, int Minutes, string? Media = null);
    private sealed record ModuleSeed(string Ar, string Fr, LessonSeed[] Lessons);
    private sealed record CourseSeed(
        string Key, string Ar, string Fr, string DescAr, string DescFr, int MinAge, int MaxAge, AccessibilityNeeds Served,
        int Capacity, string ScheduleAr, string ScheduleFr, string Teacher, ModuleSeed[] Modules);
    private sealed record CentreSeed(
        string Key, string Ar, string Fr, CentreType Type, string Commune, string Address, string Phone, ServiceMode Mode, CourseSeed[] Courses);

    public static async Task SeedAsync(CoursesDbContext db, CancellationToken ct)
    {
        await SeedCentresAsync(db, ct);
        await SeedAssociationAsync(db, ct);
        await SeedPastPauseAsync(db, ct);
    }

    /// <summary>
    /// The autumn of 2020: Entraide Nationale postponed the opening of its centres "until further notice" as
    /// Covid-19 cases rose, and the delegation kept its services going remotely. In the demo, the centres of the
    /// commune of Kelâat Es-Sraghna were paused then and resumed later: a closed pause, with the events that
    /// told enrollment (its banners, taken down at the resumption). Made through the same rules as an operator's.
    /// </summary>
    private static async Task SeedPastPauseAsync(CoursesDbContext db, CancellationToken ct)
    {
        var id = IdOf("pause:2020:kelaa");
        if (await db.CentrePauses.AnyAsync(p => p.Id == id, ct)) return;
        const string commune = "Kelâat Es-Sraghna";
        var (from, resumed) = (new DateOnly(2020, 9, 7), new DateOnly(2020, 11, 2));
        var pausedAt = new DateTimeOffset(2020, 9, 4, 10, 0, 0, TimeSpan.Zero);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Planned over the weeks it actually lasted: today's courses were not running in 2020.
            var plan = await CentrePausing.PlanAsync(db, PauseScope.Commune, commune, null, from, resumed.AddDays(-1), pausedAt, lockCentres: true, ct);
            if (plan.Centres.Count == 0) return; // every centre of the commune is held by an open pause: leave them be
            var pause = CentrePausing.Apply(db, plan, new CentrePause
            {
                Id = id, Scope = PauseScope.Commune, Commune = commune, From = from, Until = null, CreatedBy = "delegation-staff", CreatedAt = pausedAt,
                ReasonAr = "تأجيل الدخول للمراكز لأجل غير مسمى بسبب تزايد عدد الإصابات بفيروس كورونا المستجد؛ تستمر الخدمات عن بعد عبر النافذة الرقمية.",
                ReasonFr = "Rentrée des centres reportée jusqu'à nouvel ordre face à la hausse des cas de Covid-19 ; les services continuent à distance sur la fenêtre numérique.",
            });
            await db.SaveChangesAsync(ct);
            await CentrePausing.ResumeAsync(db, pause, "delegation-staff", MoroccoTime.At(resumed, new TimeOnly(9, 0)), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            await tx.RollbackAsync(ct); // another replica seeded it meanwhile
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The demo partner association's key: identity scopes the demo association manager to the same id.</summary>
    public const string AssociationKey = "association:attaouia";

    /// <summary>
    /// The delegation runs its centres "in partnership with civil-society associations of the province": in the
    /// demo, one partner association runs El Attaouia's two centres (education and training, kindergarten). Seeded
    /// on its own, so a database seeded before associations existed gets it too.
    /// </summary>
    private static async Task SeedAssociationAsync(CoursesDbContext db, CancellationToken ct)
    {
        var id = IdOf(AssociationKey);
        if (await db.Associations.AnyAsync(a => a.Id == id, ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Associations.Add(new PartnerAssociation
            {
                Id = id, NameAr = "الجمعية الشريكة للتربية والتكوين بالعطاوية", NameFr = "Association partenaire d'éducation et de formation d'El Attaouia",
                RegistrationNumber = "KS-ATT-2020-014", ContactName = "Naima Ait Bella", Phone = "+212524437720", Email = "association.attaouia@example.ma",
            });
            await db.SaveChangesAsync(ct); // the association before the centres that point to it
            foreach (var key in AssociationCentres)
            {
                var centre = await db.Centres.FirstOrDefaultAsync(c => c.Id == IdOf("centre:" + key), ct);
                if (centre is null || centre.AssociationId is not null) continue;
                centre.AssociationId = id;
                db.AddIntegrationEvent(new CentreAssociationChanged(centre.Id, id));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            await tx.RollbackAsync(ct); // another replica seeded it meanwhile
            db.ChangeTracker.Clear();
        }
    }

    private static readonly string[] AssociationCentres = ["education-attaouia", "kindergarten-attaouia"];

    private static async Task SeedCentresAsync(CoursesDbContext db, CancellationToken ct)
    {
        if (await db.Centres.AnyAsync(c => c.Id == IdOf("centre:" + Centres[0].Key), ct)) return;

        var now = DateTimeOffset.UtcNow;
        var seasonStart = new DateOnly(now.Month >= 7 ? now.Year : now.Year - 1, 9, 1);
        var label = $"{seasonStart.Year}/{seasonStart.Year + 1}";
        var season = await db.Seasons.FirstOrDefaultAsync(s => s.Label == label, ct);
        if (season is null)
        {
            season = new Season { Id = IdOf("season:" + label), Label = label, OpensOn = seasonStart.AddMonths(-1), ClosesOn = seasonStart.AddMonths(10) };
            db.Seasons.Add(season);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var courses = new List<Course>();
        foreach (var c in Centres)
        {
            var centre = new Centre
            {
                Id = IdOf("centre:" + c.Key), NameAr = c.Ar, NameFr = c.Fr, Type = c.Type, Province = Province, Commune = c.Commune,
                Address = c.Address, Phone = c.Phone, Mode = c.Mode,
            };
            db.Centres.Add(centre);
            foreach (var s in c.Courses) courses.Add(AddCourse(db, centre, season, s, now));
        }
        try
        {
            await db.SaveChangesAsync(ct);
            foreach (var course in courses) await CoursesApi.PublishAsync(db, course, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another replica seeded at the same moment: its copy stands, ours rolls back whole.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static Course AddCourse(CoursesDbContext db, Centre centre, Season season, CourseSeed s, DateTimeOffset now)
    {
        var course = new Course
        {
            Id = IdOf("course:" + s.Key), CentreId = centre.Id, SeasonId = season.Id, TitleAr = s.Ar, TitleFr = s.Fr,
            DescriptionAr = s.DescAr, DescriptionFr = s.DescFr, MinAge = s.MinAge, MaxAge = s.MaxAge, AccessibilityServed = s.Served,
            Capacity = s.Capacity, Mode = centre.Mode, RequiredLiveAttendancePercent = ServiceModes.DefaultLiveAttendancePercent(centre.Mode),
            ScheduleAr = s.ScheduleAr, ScheduleFr = s.ScheduleFr,
            StartsOn = MoroccoTime.DateOf(now).AddDays(7), EndsOn = MoroccoTime.DateOf(now).AddDays(97),
        };
        for (var m = 0; m < s.Modules.Length; m++)
        {
            var module = new Module { Id = IdOf($"module:{s.Key}:{m}"), CourseId = course.Id, Position = m + 1, TitleAr = s.Modules[m].Ar, TitleFr = s.Modules[m].Fr };
            for (var l = 0; l < s.Modules[m].Lessons.Length; l++)
            {
                var seed = s.Modules[m].Lessons[l];
                var captions = CaptionsOf(seed.Media);
                module.Lessons.Add(new Lesson
                {
                    Id = IdOf($"lesson:{s.Key}:{m}:{l}"), ModuleId = module.Id, Position = l + 1, TitleAr = seed.Ar, TitleFr = seed.Fr,
                    ContentAr = LessonContent.Sanitise(seed.TextAr), ContentFr = LessonContent.Sanitise(seed.TextFr),
                    MediaUrl = seed.Media, CaptionsUrl = captions, CaptionsLanguage = captions is null ? null : "ar",
                    EstimatedMinutes = seed.Minutes, Required = true, IsPreview = m == 0 && l == 0,
                });
            }
            course.Modules.Add(module);
        }
        db.Courses.Add(course);

        // Two upcoming live classes at 10:00 on the Moroccan clock, two and nine days from now.
        foreach (var (days, n) in new[] { (2, 1), (9, 2) })
        {
            db.LiveClasses.Add(new LiveClass
            {
                Id = IdOf($"live:{s.Key}:{n}"), CourseId = course.Id, TitleAr = $"{s.Ar} - القسم المباشر {n}", TitleFr = $"{s.Fr} - classe en direct {n}",
                StartsAt = MoroccoTime.At(MoroccoTime.DateOf(now).AddDays(days), new TimeOnly(10, 0)), DurationMinutes = 60, Teacher = s.Teacher,
                JoinUrl = $"https://meet.entraidekelaa.example/{s.Key}-{n}", AccessCode = $"KS{n}{s.Capacity:00}", Capacity = s.Capacity * 2,
            });
        }
        return course;
    }

    /// <summary>Every demo video has Arabic captions beside it (name.ar.vtt); sound files have none.</summary>
    private static string? CaptionsOf(string? media) =>
        media is not null && media.EndsWith(".mp4", StringComparison.Ordinal) ? media[..^".mp4".Length] + ".ar.vtt" : null;

    public static IReadOnlyList<Guid> CentreIds => Centres.Select(c => IdOf("centre:" + c.Key)).ToList();

    private static Guid IdOf(string key) => DemoIds.Of(key);

    private static readonly CentreSeed[] Centres =
    [
        new("vocational-kelaa", "مركز التدرج المهني بقلعة السراغنة", "Centre de formation par apprentissage de Kelâat Es-Sraghna",
            CentreType.VocationalTraining, "Kelâat Es-Sraghna", "Hay Salam, Kelâat Es-Sraghna", "+212524412030", ServiceMode.PartlyInPerson,
        [
            new("sewing", "الخياطة والطرز", "Couture et broderie",
                "تعلم أساسيات الخياطة والطرز التقليدي بمركز التدرج المهني.", "Les bases de la couture et de la broderie traditionnelle.",
                15, 45, AccessibilityNeeds.EasyRead, 20, "الإثنين والأربعاء 9:00-12:00", "Lundi et mercredi 9h-12h", "Fatima Zahra Ait Lahcen",
            [
                new("أدوات الخياطة", "Les outils de couture",
                [
                    new("التعرف على آلة الخياطة", "Découvrir la machine à coudre", "**آلة الخياطة**: الأجزاء الأساسية وطريقة التشغيل الآمن.",
                        "**La machine à coudre** : ses parties et son usage en sécurité.", 30, "https://media.entraidekelaa.example/couture-1.mp4"),
                    new("أخذ المقاسات", "Prendre les mesures", "كيف نأخذ المقاسات ونسجلها.", "Comment prendre et noter les mesures.", 25),
                ]),
                new("الطرز التقليدي", "La broderie traditionnelle",
                [
                    new("غرز الطرز الرباطي", "Les points de la broderie de Rabat", "الغرز الأساسية خطوة بخطوة.", "Les points de base, pas à pas.", 40),
                    new("إنجاز منديل مطرز", "Réaliser un mouchoir brodé", "مشروع صغير لتطبيق ما تعلمناه.", "Un petit projet pour appliquer les acquis.", 60),
                ]),
            ]),
            new("pastry", "الحلويات", "Pâtisserie",
                "إعداد الحلويات المغربية والعصرية للبيع في التعاونيات.", "Pâtisseries marocaines et modernes, pour vendre en coopérative.",
                16, 50, AccessibilityNeeds.None, 15, "الثلاثاء والخميس 14:00-17:00", "Mardi et jeudi 14h-17h", "Khadija Ouhmad",
            [
                new("النظافة والسلامة", "Hygiène et sécurité",
                [
                    new("قواعد النظافة في المطبخ", "Les règles d'hygiène en cuisine", "غسل اليدين، حفظ المواد، تنظيف الأدوات.", "Lavage des mains, conservation, nettoyage.", 20),
                ]),
                new("حلويات مغربية", "Pâtisseries marocaines",
                [
                    new("كعب الغزال", "Les cornes de gazelle", "المقادير وطريقة التحضير.", "Ingrédients et préparation.", 45, "https://media.entraidekelaa.example/cornes.mp4"),
                    new("الشباكية", "La chebakia", "تحضير الشباكية لشهر رمضان.", "Préparer la chebakia pour le Ramadan.", 45),
                ]),
            ]),
        ]),
        new("education-attaouia", "مركز التربية والتكوين بالعطاوية", "Centre d'éducation et de formation d'El Attaouia",
            CentreType.EducationAndTraining, "El Attaouia", "Avenue Mohammed V, El Attaouia", "+212524437711", ServiceMode.Hybrid,
        [
            new("computer-basics", "مبادئ المعلوميات", "Initiation à l'informatique",
                "استعمال الحاسوب والأنترنت والهاتف الذكي بأمان.", "Utiliser l'ordinateur, Internet et le smartphone en sécurité.",
                14, 60, AccessibilityNeeds.Audio, 18, "السبت 10:00-12:00 وقسم مباشر أسبوعي", "Samedi 10h-12h et une classe en direct par semaine", "Youssef El Mansouri",
            [
                new("الحاسوب", "L'ordinateur",
                [
                    new("تشغيل الحاسوب واستعمال الفأرة", "Allumer l'ordinateur, utiliser la souris", "الخطوات الأولى مع الحاسوب.", "Les premiers pas avec l'ordinateur.", 30),
                    new("الكتابة بلوحة المفاتيح", "Écrire au clavier", "الكتابة بالعربية والفرنسية.", "Écrire en arabe et en français.", 30),
                ]),
                new("الأنترنت", "Internet",
                [
                    new("البحث والتصفح الآمن", "Chercher et naviguer en sécurité", "كيف نميز المواقع الموثوقة.", "Reconnaître les sites fiables.", 35),
                ]),
            ]),
        ]),
        new("special-kelaa", "مركز التربية الخاصة بالأشخاص في وضعية إعاقة بقلعة السراغنة", "Centre d'éducation spécialisée de Kelâat Es-Sraghna",
            CentreType.SpecialEducation, "Kelâat Es-Sraghna", "Quartier Al Massira, Kelâat Es-Sraghna", "+212524413355", ServiceMode.Remote,
        [
            new("autonomy", "ورشة التواصل والاستقلالية", "Atelier communication et autonomie",
                "أنشطة للتواصل بلغة الإشارة والاستقلالية اليومية، بلغة مبسطة.", "Communication en langue des signes et autonomie au quotidien, en langage simplifié.",
                8, 25, AccessibilityNeeds.SignLanguage | AccessibilityNeeds.EasyRead, 10, "الأربعاء 15:00-16:00 عن بعد", "Mercredi 15h-16h à distance", "Nadia Bennani",
            [
                new("التواصل", "Communiquer",
                [
                    new("التحية بلغة الإشارة", "Saluer en langue des signes", "فيديو بلغة الإشارة مع شرح مبسط.", "Vidéo en langue des signes, explications simples.", 20, "https://media.entraidekelaa.example/signes-1.mp4"),
                    new("التعبير عن الحاجيات", "Exprimer ses besoins", "كلمات وإشارات للحياة اليومية.", "Mots et signes du quotidien.", 20),
                ]),
            ]),
        ]),
        new("kindergarten-attaouia", "روض الأطفال بالعطاوية", "Jardin d'enfants d'El Attaouia",
            CentreType.Kindergarten, "El Attaouia", "Hay Al Amal, El Attaouia", "+212524437900", ServiceMode.Remote,
        [
            new("early-childhood", "أنشطة الطفولة المبكرة", "Activités d'éveil de la petite enfance",
                "أنشطة يومية للأطفال مع أوليائهم: حكايات، أناشيد، رسم.", "Des activités quotidiennes avec les parents : contes, comptines, dessin.",
                3, 6, AccessibilityNeeds.Audio, 25, "كل صباح 10:00-10:30", "Chaque matin 10h-10h30", "Salma Idrissi",
            [
                new("الحكاية والنشيد", "Contes et comptines",
                [
                    new("حكاية الأرنب الصغير", "Le conte du petit lapin", "حكاية مسموعة يتابعها الطفل مع وليه.", "Un conte audio à écouter avec un parent.", 15, "https://media.entraidekelaa.example/lapin.mp3"),
                    new("نشيد الألوان", "La comptine des couleurs", "نتعلم الألوان بالغناء.", "Apprendre les couleurs en chantant.", 10),
                ]),
            ]),
        ]),
        new("literacy-tamellalt", "فضاء محو الأمية بتملالت", "Espace d'alphabétisation de Tamelelt",
            CentreType.Literacy, "Tamelelt", "Centre social, Tamelelt", "+212524452210", ServiceMode.Hybrid,
        [
            new("arabic-literacy", "محو الأمية باللغة العربية", "Alphabétisation en arabe",
                "القراءة والكتابة والحساب للحياة اليومية.", "Lire, écrire et compter pour la vie de tous les jours.",
                15, 99, AccessibilityNeeds.EasyRead | AccessibilityNeeds.Audio, 30, "الإثنين إلى الخميس 16:00-17:30", "Du lundi au jeudi 16h-17h30", "Abdellah Ouchen",
            [
                new("الحروف", "Les lettres",
                [
                    new("الحروف من أ إلى د", "Les lettres de alif à dal", "نقرأ ونكتب الحروف الأولى.", "Lire et écrire les premières lettres.", 30),
                    new("الكلمات الأولى", "Les premiers mots", "نكون كلمات من الحروف.", "Former des mots avec les lettres.", 30),
                ]),
                new("الحساب", "Le calcul",
                [
                    new("الأعداد والنقود", "Les nombres et la monnaie", "نحسب بالدرهم في السوق.", "Compter en dirhams au souk.", 30),
                ]),
            ]),
        ]),
    ];
}
