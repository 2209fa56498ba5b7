using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// What follows a pre-registration, in Arabic and in French: captions on a lesson's video, the centre's questions and
/// the person's answers, leaving a course, and paging through the centre's list. Each test builds its own course
/// through the API, so the demo courses and the other journeys are left as they were.
/// </summary>
[Collection("web")]
public sealed class LearningFollowUpTests(PlatformFixture platform, BrowserFixture browser)
{
    private const string CentreManager = "centre@tadamon.ma";
    private const string Password = "Bien-Longue-2026"; // what TokenForNewAccountAsync gives every new account
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_centre_manager_gives_a_lesson_captions_and_the_beneficiary_s_video_carries_them(string lang)
    {
        var scene = await NewPublishedCourseAsync(capacity: 5);
        var person = await NewApplicantAsync(scene, "Zineb Ait Ali");
        await ApproveAsync(person.PreRegistrationId);
        var enrollment = await EnrollmentOfAsync(person);
        var lessonPath = $"/learn/me/enrollments/{enrollment}/lessons/{scene.LessonId}";

        // Before: the video plays without captions, and the page says so in its language.
        var beneficiary = await _site.VisitAsync(lang);
        await LogInAsync(beneficiary, lang, person.Phone, Password);
        await beneficiary.GotoAsync(lessonPath);
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T(lang, scene.LessonAr, scene.LessonFr));
        await Assertions.Expect(beneficiary.Locator("video")).ToHaveCountAsync(1);
        await Assertions.Expect(beneficiary.Locator("video track")).ToHaveCountAsync(0);
        await Assertions.Expect(beneficiary.Locator("#no-captions")).ToHaveTextAsync(
            T(lang, "لا تتوفر ترجمة مكتوبة لهذا الفيديو.", "Sous-titres non disponibles pour cette vidéo."));

        // The manager opens the lesson's editor and gives it French captions.
        var captions = $"https://media.entraidekelaa.example/{scene.Suffix}.fr.vtt";
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, CentreManager);
        await manager.GotoAsync($"/learn/centre/courses/{scene.CourseId}");
        var editor = manager.Locator("details", new() { Has = manager.GetByText(T(lang, $"تعديل الدرس: {scene.LessonAr}", $"Modifier la leçon : {scene.LessonFr}")) });
        await editor.GetByText(T(lang, $"تعديل الدرس: {scene.LessonAr}", $"Modifier la leçon : {scene.LessonFr}")).ClickAsync();
        await editor.GetByLabel(T(lang, "رابط ملف الترجمة المكتوبة WebVTT (اختياري)", "Lien du fichier de sous-titres WebVTT (facultatif)")).FillAsync(captions);
        await editor.GetByLabel(T(lang, "لغة الترجمة المكتوبة", "Langue des sous-titres")).SelectOptionAsync("fr");
        await editor.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ الدرس", "Enregistrer la leçon") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, "حفظت تعديلات الدرس.", "Leçon modifiée."));
        await Assertions.Expect(manager.Locator("li", new() { HasText = T(lang, "بترجمة مكتوبة", "sous-titrée") })).ToHaveCountAsync(1);
        await AssertLanguageAsync(manager, lang);

        // After: the beneficiary's video carries the track, on by default, and the "no captions" note is gone.
        await beneficiary.ReloadAsync();
        var track = beneficiary.Locator("video track[kind=captions]");
        await Assertions.Expect(track).ToHaveAttributeAsync("src", captions);
        await Assertions.Expect(track).ToHaveAttributeAsync("srclang", "fr");
        await Assertions.Expect(track).ToHaveAttributeAsync("label", "Français");
        await Assertions.Expect(track).ToHaveAttributeAsync("default", "");
        await Assertions.Expect(beneficiary.Locator("#no-captions")).ToHaveCountAsync(0);
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Link, new() { Name = T(lang, "ملف الترجمة المكتوبة (WebVTT)", "Fichier des sous-titres (WebVTT)") }))
            .ToHaveAttributeAsync("href", captions);
        await AssertLanguageAsync(beneficiary, lang);

        // Both changed pages, as they now stand, meet WCAG 2.1 AA.
        var checker = await _site.CheckerForAsync(beneficiary);
        await checker.GotoAsync(lessonPath);
        await AssertLanguageAsync(checker, lang);
        await AssertAccessibleAsync(checker);
        var managerChecker = await _site.CheckerForAsync(manager);
        await managerChecker.GotoAsync($"/learn/centre/courses/{scene.CourseId}");
        await AssertAccessibleAsync(managerChecker);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_centre_manager_asks_for_information_the_beneficiary_answers_and_is_approved(string lang)
    {
        var scene = await NewPublishedCourseAsync(capacity: 5);
        var person = await NewApplicantAsync(scene, "Fadwa Bennani");
        var question = T(lang, "هل تتوفرين على شهادة مدرسية؟", "Avez-vous un certificat de scolarité ?");
        var answer = T(lang, "نعم، المستوى السادس ابتدائي.", "Oui, jusqu'en sixième année.");

        // The manager asks from the review page: the person leaves "to decide" for "awaiting an answer".
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, CentreManager);
        await manager.GotoAsync("/learn/centre?pageSize=100");
        var card = manager.Locator("#review-list li", new() { Has = manager.GetByRole(AriaRole.Heading, new() { Name = person.Name }) });
        await card.GetByLabel(T(lang, "المعلومة المطلوبة من الشخص", "Information à demander à la personne")).FillAsync(question);
        await card.GetByRole(AriaRole.Button, new() { Name = T(lang, $"طلب معلومة من {person.Name}", $"Demander une information à {person.Name}") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, $"أرسل السؤال إلى {person.Name}", $"Question envoyée à {person.Name}"));
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await manager.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(T(lang, "^في انتظار جواب", "^En attente d'une réponse")) }).ClickAsync();
        await Assertions.Expect(card.Locator(".pre-status")).ToHaveTextAsync(T(lang, "معلومات مطلوبة", "Information demandée"));
        await Assertions.Expect(card.Locator(".question")).ToContainTextAsync(question);
        await AssertLanguageAsync(manager, lang);

        // The person sees the question in their space and answers it: back in review.
        var beneficiary = await _site.VisitAsync(lang);
        await LogInAsync(beneficiary, lang, person.Phone, Password);
        await beneficiary.GotoAsync("/learn/me");
        var mine = beneficiary.Locator("#pre + ul > li", new() { HasText = scene.Title(lang) });
        await Assertions.Expect(mine.Locator(".question")).ToContainTextAsync(question);
        await mine.GetByLabel(T(lang, "جوابك", "Votre réponse")).FillAsync(answer);
        await mine.GetByRole(AriaRole.Button, new() { Name = T(lang, "إرسال الجواب", "Envoyer la réponse") }).ClickAsync();
        await Assertions.Expect(beneficiary.Locator(".notice")).ToContainTextAsync(T(lang, "أرسل جوابك", "Réponse envoyée"));
        await Assertions.Expect(mine).ToContainTextAsync(T(lang, "في انتظار القرار", "En attente de décision"));
        await Assertions.Expect(mine).ToContainTextAsync(answer);
        await Assertions.Expect(mine.GetByLabel(T(lang, "جوابك", "Votre réponse"))).ToHaveCountAsync(0);
        await AssertLanguageAsync(beneficiary, lang);

        // The manager reads the answer on the review page (checked by axe with its request forms), then approves.
        var checker = await _site.CheckerForAsync(manager);
        await checker.GotoAsync("/learn/centre?pageSize=100");
        await Assertions.Expect(checker.Locator("#review-list form textarea[name=message]").First).ToBeAttachedAsync();
        await AssertAccessibleAsync(checker);

        await manager.GotoAsync("/learn/centre?pageSize=100");
        await Assertions.Expect(card.Locator(".pre-status")).ToHaveTextAsync(T(lang, "في انتظار القرار", "En attente de décision"));
        await Assertions.Expect(card.Locator(".reply")).ToContainTextAsync(answer);
        await card.GetByRole(AriaRole.Button, new() { Name = T(lang, $"قبول {person.Name}", $"Accepter {person.Name}") }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, $"تم القبول: {person.Name} له مقعد", $"Acceptée : {person.Name} a une place"));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_seated_beneficiary_leaves_a_course_after_confirming_and_the_first_waiting_person_gets_the_seat(string lang)
    {
        var scene = await NewPublishedCourseAsync(capacity: 1);
        var leaving = await NewApplicantAsync(scene, "Said Oulhaj");
        var waiting = await NewApplicantAsync(scene, "Nadia Ezzahraoui");
        await ApproveAsync(leaving.PreRegistrationId);
        var waitingPlace = await ApproveAsync(waiting.PreRegistrationId);
        Assert.Equal("Waiting", waitingPlace.GetProperty("status").GetString());

        var beneficiary = await _site.VisitAsync(lang);
        await LogInAsync(beneficiary, lang, leaving.Phone, Password);
        await beneficiary.GotoAsync("/learn/me");
        var course = beneficiary.Locator("#courses ~ ul > li", new() { Has = beneficiary.GetByRole(AriaRole.Heading, new() { Name = scene.Title(lang) }) });
        await Assertions.Expect(course).ToContainTextAsync(T(lang, "له مقعد", "Inscrit(e)"));
        await course.GetByRole(AriaRole.Link, new() { Name = T(lang, $"مغادرة دورة {scene.TitleAr}", $"Quitter le cours {scene.TitleFr}") }).ClickAsync();

        // The confirmation step: nothing happens until the box is ticked.
        await Assertions.Expect(beneficiary).ToHaveURLAsync(new Regex("/withdraw$"));
        await Assertions.Expect(beneficiary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T(lang, $"مغادرة دورة {scene.TitleAr}", $"Quitter le cours {scene.TitleFr}"));
        var confirm = beneficiary.GetByLabel(T(lang, $"أؤكد أنني أغادر دورة {scene.TitleAr}", $"Je confirme que je quitte le cours {scene.TitleFr}"));
        await Assertions.Expect(confirm).ToHaveAttributeAsync("required", "");
        await AssertLanguageAsync(beneficiary, lang);
        var checker = await _site.CheckerForAsync(beneficiary);
        await checker.GotoAsync(beneficiary.Url);
        await AssertAccessibleAsync(checker);

        await confirm.CheckAsync();
        await beneficiary.GetByRole(AriaRole.Button, new() { Name = T(lang, "مغادرة الدورة", "Quitter le cours") }).ClickAsync();
        await Assertions.Expect(beneficiary).ToHaveURLAsync(new Regex("/learn/me$"));
        await Assertions.Expect(beneficiary.Locator(".notice")).ToContainTextAsync(T(lang, $"غادرت دورة {scene.TitleAr}", $"Vous avez quitté le cours {scene.TitleFr}"));
        await Assertions.Expect(course).ToContainTextAsync(T(lang, "منسحب", "Retirée"));
        await Assertions.Expect(course.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(T(lang, "^مغادرة", "^Quitter")) })).ToHaveCountAsync(0);

        // The seat went to the first on the waiting list, as the manager's course page shows.
        var seated = await _site.SendAsync(HttpMethod.Get, $"/api/enrollment/enrollments/{waitingPlace.GetProperty("id").GetString()}", await platform.Logins.TokenAsync(CentreManager));
        Assert.Equal("Seated", seated.GetProperty("status").GetString());
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, CentreManager);
        await manager.GotoAsync($"/learn/centre/courses/{scene.CourseId}");
        await Assertions.Expect(manager.GetByText(T(lang, "لائحة الانتظار فارغة.", "La liste d'attente est vide."))).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("table tr", new() { HasText = waiting.Name })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task The_centre_s_review_list_pages_forward_and_back_keeping_its_filter(string lang)
    {
        var scene = await NewPublishedCourseAsync(capacity: 5);
        var applicants = new[] { await NewApplicantAsync(scene, "Hind Amrani"), await NewApplicantAsync(scene, "Omar Tazi") };
        try
        {
            var manager = await _site.VisitAsync(lang);
            await LogInAsync(manager, lang, CentreManager);
            await manager.GotoAsync("/learn/centre?status=Submitted&pageSize=1");
            var pages = manager.GetByRole(AriaRole.Navigation, new() { Name = T(lang, "صفحات التسجيلات القبلية", "Pages des pré-inscriptions") });
            await Assertions.Expect(pages).ToContainTextAsync(new Regex(T(lang, @"الصفحة 1 من \d+", @"Page 1 sur \d+")));
            await Assertions.Expect(pages.Locator("a[rel=prev]")).ToHaveCountAsync(0);
            await Assertions.Expect(manager.Locator("#review-list > li")).ToHaveCountAsync(1);
            var first = await manager.Locator("#review-list > li h3").TextContentAsync();

            await pages.GetByRole(AriaRole.Link, new() { Name = T(lang, "الصفحة التالية", "Page suivante") }).ClickAsync();
            await Assertions.Expect(manager).ToHaveURLAsync(new Regex(@"[?&]status=Submitted(&|$)"));
            await Assertions.Expect(manager).ToHaveURLAsync(new Regex(@"[?&]pageSize=1(&|$)"));
            await Assertions.Expect(manager).ToHaveURLAsync(new Regex(@"[?&]page=2(&|#|$)"));
            await Assertions.Expect(pages).ToContainTextAsync(new Regex(T(lang, @"الصفحة 2 من", @"Page 2 sur")));
            await Assertions.Expect(pages.Locator("a[rel=prev]")).ToHaveCountAsync(1);
            await Assertions.Expect(manager.Locator("#review-list > li")).ToHaveCountAsync(1);
            // Still the "to decide" list, and someone else than on page 1.
            await Assertions.Expect(manager.Locator("#review-list .pre-status")).ToHaveTextAsync(T(lang, "في انتظار القرار", "En attente de décision"));
            Assert.NotEqual(first, await manager.Locator("#review-list > li h3").TextContentAsync());
            await AssertLanguageAsync(manager, lang);

            await pages.GetByRole(AriaRole.Link, new() { Name = T(lang, "الصفحة السابقة", "Page précédente") }).ClickAsync();
            await Assertions.Expect(manager.Locator("#review-list > li h3")).ToHaveTextAsync(first!);
            await Assertions.Expect(manager).Not.ToHaveURLAsync(new Regex(@"[?&]page="));
            await Assertions.Expect(manager).ToHaveURLAsync(new Regex(@"[?&]status=Submitted(&|$)"));

            // The market's product list pages through the same links, keeping its sort.
            await manager.GotoAsync("/products?sort=Name");
            var firstProduct = await manager.Locator("ul.grid li").First.TextContentAsync();
            var productPages = manager.GetByRole(AriaRole.Navigation, new() { Name = T(lang, "صفحات المنتجات", "Pages des produits") });
            await productPages.GetByRole(AriaRole.Link, new() { Name = T(lang, "الصفحة التالية", "Page suivante") }).ClickAsync();
            await Assertions.Expect(manager).ToHaveURLAsync(new Regex(@"[?&]sort=Name&page=2$"));
            await Assertions.Expect(productPages).ToContainTextAsync(new Regex(T(lang, @"الصفحة 2 من", @"Page 2 sur")));
            Assert.NotEqual(firstProduct, await manager.Locator("ul.grid li").First.TextContentAsync());
        }
        finally
        {
            // Others' journeys look for their people on the review list's first page: these two leave it.
            var token = await platform.Logins.TokenAsync(CentreManager);
            foreach (var a in applicants)
                await _site.SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{a.PreRegistrationId}/reject", token, new { reason = "Test de pagination terminé" });
        }
    }

    // ---- scenes, set up through the API ----

    [Fact]
    public async Task A_certificate_prints_from_its_own_page_styled_and_with_a_working_button_under_the_site_s_policy()
    {
        var scene = await NewPublishedCourseAsync(capacity: 5);
        var person = await NewApplicantAsync(scene, "Khadija Ait Hammou");
        await ApproveAsync(person.PreRegistrationId);
        var enrollment = await EnrollmentOfAsync(person);
        var done = await _site.SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollment}/lessons/{scene.LessonId}/complete", person.Token);
        var code = done.GetProperty("certificateCode").GetString()!;

        var page = await _site.VisitAsync("fr", javaScript: true);
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(message.Text); };
        var response = await page.GotoAsync($"/learn/certificates/{code}/print");

        // Its own script file, nothing inline: the policy allows the site's files and nothing else.
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        await Assertions.Expect(page.Locator(".certificate-name")).ToHaveTextAsync(person.Name);
        Assert.Equal("double", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.certificate-sheet')).borderTopStyle"));
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Imprimer" });
        await Assertions.Expect(button).ToBeVisibleAsync(); // shown by print.js, so the script ran
        await page.EvaluateAsync("() => { window.print = () => { document.body.dataset.printed = 'yes'; }; }");
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-printed", "yes");
        Assert.Empty(refused);

        // The API's old print address leads to this page.
        var moved = await page.GotoAsync($"/api/enrollment/certificates/{code}/print");
        Assert.EndsWith($"/learn/certificates/{code}/print", moved!.Url);
    }

    private sealed record CourseScene(Guid CourseId, Guid LessonId, string Suffix, string TitleAr, string TitleFr, string LessonAr, string LessonFr)
    {
        public string Title(string lang) => T(lang, TitleAr, TitleFr);
    }

    private sealed record Applicant(string Name, string Phone, string Token, Guid PreRegistrationId);

    /// <summary>A published course of the demo centre with one module and one video lesson (no captions yet).</summary>
    private async Task<CourseScene> NewPublishedCourseAsync(int capacity)
    {
        var token = await platform.Logins.TokenAsync(CentreManager);
        // The demo sewing course tells the manager's centre and the season whose pre-registrations are open.
        var sewing = (await _site.Api.GetFromJsonAsync<JsonElement>("/api/courses/courses?q=Couture")).GetProperty("items")[0];
        var details = await _site.Api.GetFromJsonAsync<JsonElement>($"/api/courses/courses/{sewing.GetProperty("id").GetString()}");
        var suffix = Guid.NewGuid().ToString()[..6];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var course = await _site.SendAsync(HttpMethod.Post, "/api/courses/courses", token, new
        {
            centreId = details.GetProperty("centreId").GetGuid(), seasonId = details.GetProperty("seasonId").GetGuid(),
            titleAr = $"الفخار {suffix}", titleFr = $"Poterie {suffix}",
            descriptionAr = "تشكيل الطين وتزيينه خطوة بخطوة.", descriptionFr = "Façonner et décorer l'argile, pas à pas.",
            minAge = 15, maxAge = 60, accessibilityServed = "None", capacity,
            scheduleAr = "الثلاثاء 9:00-12:00", scheduleFr = "Mardi 9h-12h", startsOn = today.AddDays(7), endsOn = today.AddDays(60),
        }, expected: 201);
        var courseId = course.GetProperty("id").GetGuid();
        var outline = await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{courseId}/modules", token, new { titleAr = "الطين", titleFr = "L'argile" });
        var moduleId = outline.GetProperty("modules")[0].GetProperty("id").GetGuid();
        var (lessonAr, lessonFr) = ($"تحضير الطين {suffix}", $"Préparer l'argile {suffix}");
        var withLesson = await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{courseId}/modules/{moduleId}/lessons", token, new
        {
            titleAr = lessonAr, titleFr = lessonFr, contentAr = "نعجن الطين حتى يصير لينا.", contentFr = "On pétrit l'argile jusqu'à ce qu'elle soit souple.",
            mediaUrl = $"https://media.entraidekelaa.example/{suffix}.mp4", estimatedMinutes = 15, required = true,
        });
        var lessonId = withLesson.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetGuid();
        await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{courseId}/publish", token);
        return new(courseId, lessonId, suffix, $"الفخار {suffix}", $"Poterie {suffix}", lessonAr, lessonFr);
    }

    /// <summary>A new beneficiary who pre-registers for the course (once enrollment has heard it was published).</summary>
    private async Task<Applicant> NewApplicantAsync(CourseScene scene, string name)
    {
        name = $"{name} {scene.Suffix}";
        var phone = NewMobile();
        var token = await _site.TokenForNewAccountAsync("beneficiary", name, phone);
        var body = new { courseId = scene.CourseId, fullName = name, dateOfBirth = "1994-06-02", phone, accessibilityNeeds = "None" };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/enrollment/pre-registrations") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await _site.Api.SendAsync(request);
            if (response.StatusCode == System.Net.HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonElement>();
                return new(name, phone, token, created.GetProperty("id").GetGuid());
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Enrollment did not open course {scene.CourseId}: {(int)response.StatusCode}");
            await Task.Delay(500);
        }
    }

    private async Task<JsonElement> ApproveAsync(Guid preRegistrationId) =>
        await _site.SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preRegistrationId}/approve", await platform.Logins.TokenAsync(CentreManager), new { });

    private async Task<Guid> EnrollmentOfAsync(Applicant person)
    {
        var mine = await _site.SendAsync(HttpMethod.Get, "/api/enrollment/me/enrollments", person.Token);
        return mine.EnumerateArray().Single().GetProperty("id").GetGuid();
    }
}
