using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The centres' digital window seen from outside, through the gateway only: a centre publishes a course in courses,
/// enrollment learns of it through the broker, beneficiaries pre-register, learn and get a certificate anyone can check.
/// </summary>
[Collection("platform")]
public sealed partial class DigitalWindowJourneyTests(PlatformFixture platform)
{
    private sealed record Who(string User, string Role, Guid? Scope = null);

    private static readonly Who Delegation = new("delegation-kelaa", "operator");
    private static Who NewBeneficiary() => new($"beneficiary-{Guid.NewGuid():N}", "beneficiary");

    [Fact]
    public async Task When_a_beneficiary_follows_a_remote_course_to_the_end_Should_get_a_certificate_verifiable_at_its_public_url()
    {
        var (manager, course, lessons, liveClassId) = await PublishedRemoteCourseAsync(capacity: 10);
        var beneficiary = NewBeneficiary();

        var pre = await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", beneficiary, PreRegistration(course, "Hajar Ait Ouarab"));
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var preId = (await pre.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var approved = await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", manager, new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var enrollment = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Seated", enrollment.GetProperty("status").GetString());
        var enrollmentId = enrollment.GetProperty("id").GetGuid();

        foreach (var lesson in lessons)
        {
            var done = await SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollmentId}/lessons/{lesson}/complete", beneficiary);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        // The live class reaches enrollment through the broker; joining it records attendance and completes the course.
        var joined = await UntilAsync(() => SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollmentId}/live-classes/{liveClassId}/join", beneficiary),
            r => r.StatusCode == HttpStatusCode.OK, "the live class to be joinable");
        var join = await joined.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("https://meet.entraidekelaa.example/", join.GetProperty("joinUrl").GetString());
        var code = join.GetProperty("certificateCode").GetString()!;

        var mine = await (await SendAsync(HttpMethod.Get, "/api/enrollment/me/enrollments", beneficiary)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Completed", mine.EnumerateArray().Single().GetProperty("status").GetString());
        var certificate = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/enrollment/certificates/{code}");
        Assert.Equal("Hajar Ait Ouarab", certificate.GetProperty("beneficiaryName").GetString());
        Assert.Equal(course, certificate.GetProperty("courseId").GetGuid());
        var page = await platform.Gateway.GetAsync($"/api/enrollment/certificates/{code}/print");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_a_course_is_full_Should_waitlist_the_next_applicant_and_promote_them_when_someone_withdraws()
    {
        var (manager, course, _, _) = await PublishedRemoteCourseAsync(capacity: 1);
        var first = NewBeneficiary();
        var second = NewBeneficiary();
        var firstEnrollment = await PreRegisterAndApproveAsync(first, manager, course, "Said Bouhlal");
        var secondEnrollment = await PreRegisterAndApproveAsync(second, manager, course, "Naima Lachgar");
        Assert.Equal("Seated", firstEnrollment.GetProperty("status").GetString());
        Assert.Equal(("Waiting", 1), (secondEnrollment.GetProperty("status").GetString(), secondEnrollment.GetProperty("waitingNumber").GetInt32()));

        var withdrawn = await SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{firstEnrollment.GetProperty("id").GetGuid()}/withdraw", first);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);

        var promoted = await (await SendAsync(HttpMethod.Get, $"/api/enrollment/enrollments/{secondEnrollment.GetProperty("id").GetGuid()}", second))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Seated", promoted.GetProperty("status").GetString());
        var notices = await (await SendAsync(HttpMethod.Get, "/api/enrollment/me/notifications", second)).Content.ReadAsStringAsync();
        Assert.Contains("SeatOffered", notices);
        // Courses shows the seat counts enrollment reports through the broker.
        await UntilAsync(() => SendAsync(HttpMethod.Get, $"/api/courses/courses/{course}", manager),
            async r =>
            {
                var page = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
                return page.GetProperty("seatsTaken").GetInt32() == 1 && page.GetProperty("waitingCount").GetInt32() == 0;
            },
            "the course page to show one seat taken and nobody waiting");
    }

    [Fact]
    public async Task When_a_beneficiary_pre_registers_twice_or_was_rejected_Should_be_refused_with_a_clear_problem_detail()
    {
        var (manager, course, _, _) = await PublishedRemoteCourseAsync(capacity: 5);
        var beneficiary = NewBeneficiary();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", beneficiary, PreRegistration(course, "Abdellah Ouchen"))).StatusCode);

        var duplicate = await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", beneficiary, PreRegistration(course, "Abdellah Ouchen"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        var problem = await duplicate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate-pre-registration", problem.GetProperty("code").GetString());
        Assert.Equal("Vous avez déjà une pré-inscription en cours pour ce cours.", problem.GetProperty("title").GetString());

        var rejectedPerson = NewBeneficiary();
        var pre = await (await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", rejectedPerson, PreRegistration(course, "Rachid Ouhmad")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var preId = pre.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/reject", manager, new { reason = "Dossier incomplet" })).StatusCode);
        var approveRejected = await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", manager, new { });
        Assert.Equal(HttpStatusCode.Conflict, approveRejected.StatusCode);
        Assert.Equal("already-decided", (await approveRejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_demo_Should_show_a_centre_of_every_type_with_courses_enrollment_already_knows()
    {
        foreach (var type in new[] { "VocationalTraining", "EducationAndTraining", "SpecialEducation", "Kindergarten", "Literacy" })
        {
            var centres = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/courses/centres?type={type}");
            Assert.Contains(centres.GetProperty("items").EnumerateArray(), c => c.GetProperty("province").GetString() == "Kelâat Es-Sraghna");
        }
        foreach (var title in new[] { "Couture", "Pâtisserie", "informatique", "Alphabétisation", "petite enfance" })
        {
            var found = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/courses/courses?q={Uri.EscapeDataString(title)}");
            var course = found.GetProperty("items").EnumerateArray().First();
            Assert.Equal("Published", course.GetProperty("status").GetString());
            await UntilAsync(() => platform.Gateway.GetAsync($"/api/enrollment/courses/{course.GetProperty("id").GetGuid()}/seats"),
                r => r.StatusCode == HttpStatusCode.OK, $"enrollment to know the demo course '{title}'");
        }
    }

    private async Task<JsonElement> PreRegisterAndApproveAsync(Who beneficiary, Who manager, Guid course, string name)
    {
        var pre = await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", beneficiary, PreRegistration(course, name));
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var preId = (await pre.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var approved = await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", manager, new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return await approved.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object PreRegistration(Guid course, string name) =>
        new { courseId = course, fullName = name, dateOfBirth = "1994-09-14", phone = "06 61 23 45 67", accessibilityNeeds = "None" };

    /// <summary>
    /// A centre in El Attaouia, a season, a remote course with two lessons and a live class starting in five
    /// minutes (joinable now), published; returns once enrollment knows the course.
    /// </summary>
    private static int _nextSeasonYear = 3000;

    private async Task<(Who Manager, Guid Course, Guid[] Lessons, Guid LiveClass)> PublishedRemoteCourseAsync(int capacity)
    {
        var centre = await CreatedAsync("/api/courses/centres", Delegation, new
        {
            nameAr = "مركز التربية والتكوين بالعطاوية", nameFr = "Centre d'éducation et de formation d'El Attaouia", type = "EducationAndTraining",
            province = "Kelâat Es-Sraghna", commune = "El Attaouia", address = "Avenue Mohammed V, El Attaouia", phone = "+212524437711", mode = "Remote",
        });
        var manager = new Who($"manager-{centre:N}", "centre-manager", centre);
        var year = Interlocked.Increment(ref _nextSeasonYear); // season labels are unique: one of its own per course
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var season = await CreatedAsync("/api/courses/seasons", Delegation, new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-1), closesOn = today.AddDays(120) });
        var course = await CreatedAsync("/api/courses/courses", manager, new
        {
            centreId = centre, seasonId = season, titleAr = "مبادئ المعلوميات", titleFr = "Initiation à l'informatique",
            descriptionAr = "استعمال الحاسوب والأنترنت بأمان.", descriptionFr = "Utiliser l'ordinateur et Internet en sécurité.",
            minAge = 14, maxAge = 60, accessibilityServed = "Audio", capacity, scheduleAr = "السبت 10:00-12:00", scheduleFr = "Samedi 10h-12h",
            startsOn = today.AddDays(7), endsOn = today.AddDays(90),
        });
        var module = await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules", manager, new { titleAr = "الحاسوب", titleFr = "L'ordinateur" });
        var moduleId = (await module.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("modules")[0].GetProperty("id").GetGuid();
        foreach (var (ar, fr) in new[] { ("تشغيل الحاسوب", "Allumer l'ordinateur"), ("الكتابة بلوحة المفاتيح", "Écrire au clavier") })
        {
            var added = await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules/{moduleId}/lessons", manager,
                new { titleAr = ar, titleFr = fr, contentAr = "نص الدرس", contentFr = "Texte de la leçon", estimatedMinutes = 30, required = true });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }
        var liveClass = await CreatedAsync($"/api/courses/courses/{course}/live-classes", manager, new
        {
            titleAr = "قسم مباشر", titleFr = "Classe en direct", startsAt = DateTimeOffset.UtcNow.AddMinutes(5), durationMinutes = 60,
            teacher = "Youssef El Mansouri", joinUrl = $"https://meet.entraidekelaa.example/{course:N}", accessCode = "KS-1", capacity = 30,
        });
        var published = await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/publish", manager);
        var details = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Published", details.GetProperty("status").GetString());
        var lessons = details.GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToArray();

        await UntilAsync(() => platform.Gateway.GetAsync($"/api/enrollment/courses/{course}/seats"), r => r.StatusCode == HttpStatusCode.OK,
            "enrollment to learn of the published course");
        return (manager, course, lessons, liveClass);
    }

    private async Task<Guid> CreatedAsync(string url, Who who, object body)
    {
        var response = await SendAsync(HttpMethod.Post, url, who, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Who who, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url).As(await platform.Accounts.ForAsync(who.User, who.Role, who.Scope));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await platform.Gateway.SendAsync(request);
        await response.Content.LoadIntoBufferAsync(); // read more than once by the assertions
        return response;
    }

    private static Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> done, string what) =>
        UntilAsync(call, r => Task.FromResult(done(r)), what);

    private static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await call();
            if (await done(response)) return response;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}: last answer {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }
}
