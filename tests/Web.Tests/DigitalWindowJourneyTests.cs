using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>The digital window as beneficiaries and centre managers click through it, in Arabic and in French.</summary>
[Collection("web")]
public sealed class DigitalWindowJourneyTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_beneficiary_pre_registers_is_approved_and_completes_a_lesson(string lang)
    {
        var beneficiary = await _site.VisitAsync(lang);
        var name = $"Hanane Ait Ouahmane {Guid.NewGuid().ToString()[..6]}";
        var phone = await RegisterAsync(beneficiary, lang, name, "beneficiary");
        await Assertions.Expect(beneficiary).ToHaveURLAsync(new Regex("/learn/me$"));

        // Centres by type, then the sewing course of the vocational centre of Kelâat Es-Sraghna.
        await beneficiary.GotoAsync("/learn");
        await beneficiary.GetByLabel(T(lang, "نوع المركز", "Type de centre")).SelectOptionAsync("VocationalTraining");
        await beneficiary.GetByRole(AriaRole.Button, new() { Name = T(lang, "عرض", "Afficher") }).ClickAsync();
        await beneficiary.GetByRole(AriaRole.Link, new() { Name = T(lang, "الخياطة والطرز", "Couture et broderie") }).ClickAsync();
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Heading, new() { Name = T(lang, "الأقسام المباشرة القادمة", "Prochaines classes en direct") })).ToBeVisibleAsync();
        await beneficiary.GetByRole(AriaRole.Link, new() { Name = T(lang, "التسجيل القبلي", "Se pré-inscrire") }).ClickAsync();

        // A minor without a guardian is refused by enrollment, in the page's language; then the form is corrected.
        await beneficiary.GetByLabel(T(lang, "الاسم الكامل للمستفيد", "Nom complet du bénéficiaire")).FillAsync(name);
        await beneficiary.GetByLabel(T(lang, "تاريخ الازدياد", "Date de naissance")).FillAsync(DateTime.UtcNow.AddYears(-16).ToString("yyyy-MM-dd"));
        await beneficiary.GetByLabel(T(lang, "رقم الهاتف المحمول", "Numéro de mobile")).FillAsync(phone);
        await beneficiary.GetByLabel(T(lang, "لغة مبسطة", "Facile à lire")).CheckAsync();
        var send = beneficiary.GetByRole(AriaRole.Button, new() { Name = T(lang, "إرسال التسجيل القبلي", "Envoyer la pré-inscription") });
        await send.ClickAsync();
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            T(lang, "اسم الولي إلزامي بالنسبة للقاصر", "Pour un mineur, le nom du tuteur est obligatoire"));
        await beneficiary.GetByLabel(T(lang, "اسم الولي", "Nom du tuteur")).FillAsync("Mohamed Ait Ouahmane");
        await beneficiary.GetByLabel(T(lang, "هاتف الولي", "Mobile du tuteur")).FillAsync(NewMobile());
        await send.ClickAsync();
        await Assertions.Expect(beneficiary).ToHaveURLAsync(new Regex("/learn/me$"));
        await Assertions.Expect(beneficiary.Locator(".notice")).ToContainTextAsync(T(lang, "تم إرسال تسجيلك القبلي", "Votre pré-inscription est envoyée"));
        await Assertions.Expect(beneficiary.Locator("#pre + ul li", new() { HasText = T(lang, "في انتظار القرار", "En attente de décision") })).ToHaveCountAsync(1);

        // The centre's manager approves it.
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, "centre@tadamon.ma");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, $"قبول {name}", $"Accepter {name}") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, $"تم القبول: {name} له مقعد", $"Acceptée : {name} a une place"));

        // Seated: the lessons open in order; the first one is done, which moves the progress bar.
        await beneficiary.ReloadAsync();
        await beneficiary.GetByRole(AriaRole.Link, new() { Name = T(lang, "متابعة الدروس", "Suivre les leçons") }).ClickAsync();
        await Assertions.Expect(beneficiary.Locator("#course-progress")).ToHaveAttributeAsync("value", "0");
        var first = T(lang, "التعرف على آلة الخياطة", "Découvrir la machine à coudre");
        await beneficiary.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync();
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(first);
        await AssertLanguageAsync(beneficiary, lang);
        await beneficiary.GetByRole(AriaRole.Button, new() { Name = T(lang, "أنهيت هذا الدرس", "J'ai terminé cette leçon") }).ClickAsync();
        await Assertions.Expect(beneficiary.Locator(".notice")).ToContainTextAsync(T(lang, "تم تسجيل الدرس كمنجز", "Leçon enregistrée comme terminée"));
        await Assertions.Expect(beneficiary.Locator("li", new() { HasText = first }).Locator(".state-Done")).ToBeVisibleAsync();
        await Assertions.Expect(beneficiary.Locator("#course-progress")).Not.ToHaveAttributeAsync("value", "0");
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_centre_manager_publishes_a_course_approves_and_sees_the_waiting_list(string lang)
    {
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, "centre@tadamon.ma");
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/learn/centre$"));

        // A one-seat course, written in both languages, with a module, then published.
        var suffix = Guid.NewGuid().ToString()[..6];
        var titleFr = $"Tissage du tapis {suffix}";
        var titleAr = $"نسج الزربية {suffix}";
        await manager.GetByRole(AriaRole.Link, new() { Name = T(lang, "دورة جديدة", "Nouveau cours") }).ClickAsync();
        await manager.GetByLabel(T(lang, "العنوان بالعربية", "Titre en arabe")).FillAsync(titleAr);
        await manager.GetByLabel(T(lang, "العنوان بالفرنسية", "Titre en français")).FillAsync(titleFr);
        await manager.GetByLabel(T(lang, "الوصف بالعربية", "Description en arabe")).FillAsync("تعلم نسج الزربية التقليدية خطوة بخطوة.");
        await manager.GetByLabel(T(lang, "الوصف بالفرنسية", "Description en français")).FillAsync("Apprendre le tissage du tapis traditionnel, pas à pas.");
        await manager.GetByLabel(T(lang, "عدد المقاعد", "Nombre de places")).FillAsync("1");
        await manager.GetByLabel(T(lang, "التوقيت بالعربية", "Horaires en arabe")).FillAsync("الجمعة 9:00-12:00");
        await manager.GetByLabel(T(lang, "التوقيت بالفرنسية", "Horaires en français")).FillAsync("Vendredi 9h-12h");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ المسودة", "Enregistrer le brouillon") }).ClickAsync();
        await Assertions.Expect(manager.Locator("#course-status")).ToHaveTextAsync(T(lang, "مسودة", "Brouillon"));
        await manager.GetByLabel(T(lang, "عنوان الوحدة بالعربية", "Titre du module en arabe")).FillAsync("الأدوات");
        await manager.GetByLabel(T(lang, "عنوان الوحدة بالفرنسية", "Titre du module en français")).FillAsync("Les outils");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "إضافة الوحدة", "Ajouter le module") }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = T(lang, "1. الأدوات", "1. Les outils") })).ToBeVisibleAsync();
        // Courses refuses to publish a course without a lesson: one is added to the module first.
        await manager.GetByText(T(lang, "إضافة درس إلى هذه الوحدة", "Ajouter une leçon à ce module")).ClickAsync();
        await manager.GetByLabel(T(lang, "عنوان الدرس بالعربية", "Titre de la leçon en arabe")).FillAsync("المنسج وأجزاؤه");
        await manager.GetByLabel(T(lang, "عنوان الدرس بالفرنسية", "Titre de la leçon en français")).FillAsync("Le métier à tisser");
        await manager.GetByLabel(T(lang, "المحتوى بالعربية", "Contenu en arabe")).FillAsync("أجزاء المنسج وطريقة تركيب الخيوط.");
        await manager.GetByLabel(T(lang, "المحتوى بالفرنسية", "Contenu en français")).FillAsync("Les parties du métier et le montage des fils.");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "إضافة الدرس", "Ajouter la leçon") }).ClickAsync();
        await Assertions.Expect(manager.Locator("li", new() { HasText = T(lang, "المنسج وأجزاؤه", "Le métier à tisser") })).ToBeVisibleAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "نشر الدورة وفتح التسجيل القبلي", "Publier et ouvrir les pré-inscriptions") }).ClickAsync();
        await Assertions.Expect(manager.Locator("#course-status")).ToHaveTextAsync(T(lang, "منشور", "Publié"));
        var courseId = Guid.Parse(new Uri(manager.Url).Segments[^1]);

        // Two beneficiaries pre-register (through the API: their own pages are the other journey's).
        var first = $"Khadija Ouhmad {suffix}";
        var second = $"Rachid Bouzid {suffix}";
        foreach (var person in new[] { first, second })
        {
            var phone = NewMobile();
            var token = await _site.TokenForNewAccountAsync("beneficiary", person, phone);
            await Eventually(async () => await TrySendAsync(token, new
            {
                courseId, fullName = person, dateOfBirth = "1995-03-14", phone, accessibilityNeeds = "None",
            }), "enrollment to open the new course");
        }

        // One seat: the first approved gets it, the second goes on the waiting list.
        await manager.GotoAsync("/learn/centre");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, $"قبول {first}", $"Accepter {first}") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, $"{first} له مقعد", $"{first} a une place"));
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, $"قبول {second}", $"Accepter {second}") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, $"{second} في لائحة الانتظار", $"{second} est sur la liste d'attente"));
        await AssertLanguageAsync(manager, lang);

        await manager.GotoAsync($"/learn/centre/courses/{courseId}");
        await ReloadUntilVisibleAsync(manager, manager.Locator("#waiting-list li", new() { HasText = second }), "the waiting list");
        await Assertions.Expect(manager.Locator("#waiting-list li")).ToHaveCountAsync(1);
        await Assertions.Expect(manager.Locator("table tr", new() { HasText = first })).ToBeVisibleAsync();
    }

    private async Task<bool> TrySendAsync(string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/enrollment/pre-registrations") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _site.Api.SendAsync(request);
        return response.StatusCode == System.Net.HttpStatusCode.Created;
    }

    private static async Task Eventually(Func<Task<bool>> attempt, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await attempt())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(500);
        }
    }
}
