using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Contracts.Enrollment;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.Courses.Model;
using Tadamon.Messaging;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

public sealed class CoursesApiTests(CoursesFixture app) : IClassFixture<CoursesFixture>
{
    private static readonly JsonSerializerOptions Json = CoursesFixture.Json;

    [Fact]
    public async Task When_lessons_are_reordered_Should_return_them_in_the_new_order()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        foreach (var title in new[] { "Un", "Deux", "Trois" }) await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, title);
        var lessons = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons;
        Assert.Equal(["Un", "Deux", "Trois"], lessons.Select(l => l.TitleFr));

        var response = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons/order",
            new { ids = new[] { lessons[2].Id, lessons[0].Id, lessons[1].Id } });

        response.EnsureSuccessStatusCode();
        var reordered = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons;
        Assert.Equal(["Trois", "Un", "Deux"], reordered.Select(l => l.TitleFr));
        Assert.Equal([1, 2, 3], reordered.Select(l => l.Position));
    }

    [Fact]
    public async Task When_modules_are_reordered_with_one_missing_Should_refuse_with_a_validation_problem()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        await CoursesFixture.AddModuleAsync(manager, course.Id, "Premier");
        var modules = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Second")).Modules;

        var response = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/order", new { ids = new[] { modules[1].Id } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Ids", out _));
        var after = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules;
        Assert.Equal(["Premier", "Second"], after.Select(m => m.TitleFr));
    }

    [Fact]
    public async Task When_a_lesson_carries_a_script_Should_store_it_sanitised()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();

        var details = await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Piège", "<p>Fil</p><script>document.cookie</script>");

        Assert.Equal("<p>Fil</p>", details.Modules.Single().Lessons.Single().ContentFr);
    }

    [Fact]
    public async Task When_a_lesson_is_edited_with_an_unsafe_link_Should_refuse_and_keep_the_lesson_as_it_was()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        var lesson = (await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Aiguilles")).Modules.Single().Lessons.Single();
        var edit = new
        {
            titleAr = "الإبر", titleFr = "Les aiguilles", contentAr = "نص", contentFr = "<b>Texte</b><iframe src=x></iframe>",
            documentUrl = "javascript:alert(1)", estimatedMinutes = 25, required = false,
        };

        var refused = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons/{lesson.Id}", edit);
        var accepted = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons/{lesson.Id}", edit with { documentUrl = "https://entraidekelaa.com/fiche.pdf" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        accepted.EnsureSuccessStatusCode();
        var edited = (await accepted.Content.ReadFromJsonAsync<CourseDetails>(Json))!.Modules.Single().Lessons.Single();
        Assert.Equal(("Les aiguilles", "<b>Texte</b>", false, 25), (edited.TitleFr, edited.ContentFr, edited.Required, edited.EstimatedMinutes));
    }

    [Fact]
    public async Task When_a_video_lesson_is_given_captions_Should_keep_them_Arabic_by_default_and_change_them_on_edit()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        var lesson = new
        {
            titleAr = "الإبرة", titleFr = "L'aiguille", contentAr = "نص", contentFr = "Texte",
            mediaUrl = "https://media.entraidekelaa.example/aiguille.mp4", captionsUrl = "https://media.entraidekelaa.example/aiguille.ar.vtt",
            captionsLanguage = (string?)null, estimatedMinutes = 10, required = true,
        };

        var added = await manager.PostAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons", lesson);

        added.EnsureSuccessStatusCode();
        var saved = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons.Single();
        Assert.Equal(("https://media.entraidekelaa.example/aiguille.ar.vtt", "ar"), (saved.CaptionsUrl, saved.CaptionsLanguage));

        var path = $"/courses/{course.Id}/modules/{module.Id}/lessons/{saved.Id}";
        (await manager.PutAsJsonAsync(path, lesson with { captionsUrl = "https://media.entraidekelaa.example/aiguille.fr.vtt", captionsLanguage = (string?)"FR" })).EnsureSuccessStatusCode();
        var french = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons.Single();
        Assert.Equal(("https://media.entraidekelaa.example/aiguille.fr.vtt", "fr"), (french.CaptionsUrl, french.CaptionsLanguage));

        // Emptied in the form: no captions any more, and no language left behind.
        (await manager.PutAsJsonAsync(path, lesson with { captionsUrl = "  ", captionsLanguage = (string?)"fr" })).EnsureSuccessStatusCode();
        var none = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons.Single();
        Assert.Equal((null, null), (none.CaptionsUrl, none.CaptionsLanguage));
    }

    [Theory]
    [InlineData("fr", "ftp://media.entraidekelaa.example/aiguille.vtt", "CaptionsUrl", "Le lien des sous-titres doit commencer par http:// ou https://.")]
    [InlineData("ar-MA", "javascript:alert(1)", "CaptionsUrl", "يجب أن يبدأ رابط الترجمة المكتوبة بـ http:// أو https://.")]
    [InlineData("fr", "https://media.entraidekelaa.example/aiguille.vtt", "CaptionsLanguage", "Langue des sous-titres : « ar » (arabe) ou « fr » (français).")]
    public async Task When_captions_are_not_an_http_link_or_not_ar_fr_Should_refuse_in_the_caller_s_language_and_keep_the_lesson(
        string language, string captionsUrl, string field, string message)
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        var lesson = (await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Aiguilles")).Modules.Single().Lessons.Single();
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var refused = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons/{lesson.Id}", new
        {
            titleAr = "الإبر", titleFr = "Les aiguilles", contentAr = "نص", contentFr = "Texte",
            mediaUrl = "https://media.entraidekelaa.example/cours.mp4", captionsUrl,
            captionsLanguage = field == "CaptionsLanguage" ? "en" : "ar", estimatedMinutes = 25, required = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        var kept = (await manager.GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json))!.Modules.Single().Lessons.Single();
        Assert.Equal(("Aiguilles", null), (kept.TitleFr, kept.CaptionsUrl));
    }

    [Fact]
    public async Task When_captions_come_without_a_video_Should_refuse_them()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();

        var refused = await manager.PostAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons", new
        {
            titleAr = "الإبرة", titleFr = "L'aiguille", contentAr = "نص", contentFr = "Texte",
            captionsUrl = "https://media.entraidekelaa.example/aiguille.ar.vtt", estimatedMinutes = 10,
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("CaptionsUrl", out _));
    }

    [Fact]
    public async Task When_a_course_request_breaks_the_rules_Should_answer_problem_details_per_field()
    {
        var centre = await app.NewCentreAsync();
        var response = await app.Manager(centre.Id).PostAsJsonAsync("/courses", new
        {
            centreId = centre.Id, seasonId = Guid.NewGuid(), titleAr = "", titleFr = "C", descriptionAr = "قصير", descriptionFr = "court",
            minAge = 15, maxAge = 200, capacity = 0, scheduleAr = "الإثنين", scheduleFr = "Lundi",
            startsOn = "2026-12-01", endsOn = "2027-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "TitleAr", "TitleFr", "DescriptionAr", "MaxAge", "Capacity" })
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"no error for {field}: {errors}");
    }

    [Fact]
    public async Task When_another_centre_manager_edits_a_course_Should_be_forbidden()
    {
        var (_, course) = await app.NewDraftCourseAsync();
        var stranger = app.Manager(Guid.NewGuid());

        var response = await stranger.PostAsJsonAsync($"/courses/{course.Id}/modules", new { titleAr = "وحدة", titleFr = "Module" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task When_a_course_without_lessons_is_published_Should_refuse_with_a_conflict()
    {
        var (manager, course) = await app.NewDraftCourseAsync();

        var response = await manager.PostAsync($"/courses/{course.Id}/publish", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("course-empty", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task When_a_published_course_changes_capacity_Should_queue_CourseCapacityChanged_with_the_change()
    {
        var (manager, course) = await app.NewDraftCourseAsync(capacity: 12);
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Un");
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();

        var response = await manager.PutAsJsonAsync($"/courses/{course.Id}/capacity", new { capacity = 8 });

        response.EnsureSuccessStatusCode();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        var events = (await db.Set<OutboxMessage>().AsNoTracking().ToListAsync()).Where(m => m.Payload.Contains(course.Id.ToString())).ToList();
        var published = events.Single(e => e.Type.Contains(".CoursePublished,"));
        Assert.Equal(12, JsonDocument.Parse(published.Payload).RootElement.GetProperty("capacity").GetInt32());
        var changed = events.Single(e => e.Type.Contains(".CourseCapacityChanged,"));
        Assert.Equal(8, JsonDocument.Parse(changed.Payload).RootElement.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task When_a_published_course_reorders_its_modules_Should_queue_the_whole_outline_in_the_new_order()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var first = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Premier")).Modules.Single();
        await CoursesFixture.AddLessonAsync(manager, course.Id, first.Id, "Alpha");
        var second = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Second")).Modules.Single(m => m.Id != first.Id);
        await CoursesFixture.AddLessonAsync(manager, course.Id, second.Id, "Beta");
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();

        (await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/order", new { ids = new[] { second.Id, first.Id } })).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        var change = (await db.Set<OutboxMessage>().AsNoTracking().ToListAsync())
            .Single(m => m.Type.Contains(".CourseOutlineChanged,") && m.Payload.Contains(course.Id.ToString()));
        var outline = JsonDocument.Parse(change.Payload).RootElement.GetProperty("outline").EnumerateArray()
            .Select(l => (l.GetProperty("titleFr").GetString(), l.GetProperty("modulePosition").GetInt32())).ToList();
        Assert.Equal([("Beta", 1), ("Alpha", 2)], outline);
    }

    [Fact]
    public async Task When_seat_reports_arrive_out_of_order_Should_show_the_newest()
    {
        var (manager, course) = await app.NewDraftCourseAsync(capacity: 3);
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Un");
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();
        var newer = new EnrollmentConfirmed(Guid.NewGuid(), Guid.NewGuid(), course.Id, "b-1", true, new SeatCounts(3, 3, 2, Version: 5));
        var older = new EnrollmentWithdrawn(Guid.NewGuid(), course.Id, "b-2", new SeatCounts(3, 2, 2, Version: 4));

        await app.PublishAsync(newer);
        await Eventually.TrueAsync(() => app.HandledAsync(newer.EventId), "the newer seat report");
        await app.PublishAsync(older);
        await Eventually.TrueAsync(() => app.HandledAsync(older.EventId), "the older seat report, arriving late");

        var details = await app.CreateClient().GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json);
        Assert.Equal((3, 2), (details!.SeatsTaken, details.WaitingCount));
    }

    [Fact]
    public async Task When_many_seat_reports_arrive_at_once_Should_end_on_the_newest()
    {
        var (manager, course) = await app.NewDraftCourseAsync(capacity: 20);
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Un");
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();

        // Four event types, four queues, consumed in parallel: only a compare-and-set keeps the newest.
        var reports = Enumerable.Range(1, 16).Select(version => new SeatCounts(20, version, 16 - version, Version: version))
            .Select<SeatCounts, Tadamon.Contracts.IntegrationEvent>((seats, i) => (i % 4) switch
            {
                0 => new EnrollmentConfirmed(Guid.NewGuid(), Guid.NewGuid(), course.Id, $"b-{i}", false, seats),
                1 => new EnrollmentWaitlisted(Guid.NewGuid(), Guid.NewGuid(), course.Id, $"b-{i}", i, seats),
                2 => new EnrollmentWithdrawn(Guid.NewGuid(), course.Id, $"b-{i}", seats),
                _ => new EnrollmentRejected(Guid.NewGuid(), course.Id, $"b-{i}", "complet", seats) as Tadamon.Contracts.IntegrationEvent,
            })
            .OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(reports.Select(r => app.PublishAsync((object)r)));
        foreach (var report in reports) await Eventually.TrueAsync(() => app.HandledAsync(report.EventId), "every seat report");

        var details = await app.CreateClient().GetFromJsonAsync<CourseDetails>($"/courses/{course.Id}", Json);
        Assert.Equal((16, 0), (details!.SeatsTaken, details.WaitingCount));
    }

    [Fact]
    public async Task When_a_live_class_is_scheduled_in_the_past_Should_refuse_with_a_validation_problem()
    {
        var (manager, course) = await app.NewDraftCourseAsync();

        var response = await manager.PostAsJsonAsync($"/courses/{course.Id}/live-classes", new
        {
            titleAr = "قسم مباشر", titleFr = "Classe en direct", startsAt = DateTimeOffset.UtcNow.AddHours(-1), durationMinutes = 60,
            teacher = "Youssef El Mansouri", joinUrl = "https://meet.example/abc", capacity = 20,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("StartsAt", out _));
    }

    [Fact]
    public async Task When_a_draft_is_read_by_the_public_Should_not_be_found()
    {
        var (manager, course) = await app.NewDraftCourseAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/courses/{course.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/courses/{course.Id}")).StatusCode);
    }

    [Fact]
    public async Task When_the_demo_is_seeded_twice_Should_hold_one_copy_with_every_centre_type_published()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();

        await DemoData.SeedAsync(db, CancellationToken.None);
        db.ChangeTracker.Clear();
        await DemoData.SeedAsync(db, CancellationToken.None);

        var demoIds = DemoData.CentreIds.ToList();
        var demo = await db.Centres.Where(c => demoIds.Contains(c.Id)).ToListAsync();
        Assert.Equal(Enum.GetValues<CentreType>().Order(), demo.Select(c => c.Type).Order());
        var ids = demo.Select(c => c.Id).ToList();
        var courses = await db.Courses.Where(c => ids.Contains(c.CentreId)).ToListAsync();
        Assert.Equal(6, courses.Count);
        Assert.All(courses, c => Assert.Equal(CourseStatus.Published, c.Status));
        var courseIds = courses.Select(c => c.Id.ToString()).ToList();
        var published = (await db.Set<OutboxMessage>().AsNoTracking().ToListAsync()).Where(m => m.Type.Contains(".CoursePublished,")).ToList();
        Assert.Equal(6, published.Count(m => courseIds.Any(id => m.Payload.Contains(id))));
    }
}
