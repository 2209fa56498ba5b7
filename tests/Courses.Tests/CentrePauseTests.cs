using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.Courses.Model;
using Tadamon.Messaging;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

/// <summary>Operators pause the in-person activity of centres and resume it; courses follow, once.</summary>
public sealed class CentrePauseTests(CoursesFixture app) : IClassFixture<CoursesFixture>
{
    private static readonly JsonSerializerOptions Json = CoursesFixture.Json;
    private static DateOnly Today => MoroccoTime.DateOf(DateTimeOffset.UtcNow);

    private async Task<CentresApi.CentreResponse> CentreAsync(string commune, string mode, string type = "EducationAndTraining")
    {
        var response = await app.Operator().PostAsJsonAsync("/centres", new
        {
            nameAr = "مركز " + commune, nameFr = "Centre de " + commune, type, province = "Kelâat Es-Sraghna", commune,
            address = "Centre social, " + commune, phone = "+212524452210", mode,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CentresApi.CentreResponse>(Json))!;
    }

    private async Task<CourseDetails> PublishedCourseAsync(Guid centreId)
    {
        var manager = app.Manager(centreId);
        var created = await manager.PostAsJsonAsync("/courses", CoursesFixture.CourseRequest(centreId, await app.NewSeasonAsync()));
        created.EnsureSuccessStatusCode();
        var course = (await created.Content.ReadFromJsonAsync<CourseDetails>(Json))!;
        var withModule = await CoursesFixture.AddModuleAsync(manager, course.Id, "Bases");
        await CoursesFixture.AddLessonAsync(manager, course.Id, withModule.Modules.Single().Id, "Premier pas");
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();
        return course;
    }

    private async Task<Guid> LiveClassAsync(Guid centreId, Guid courseId, int inDays)
    {
        var response = await app.Manager(centreId).PostAsJsonAsync($"/courses/{courseId}/live-classes", new
        {
            titleAr = "حصة مباشرة", titleFr = "Séance en direct", startsAt = DateTimeOffset.UtcNow.AddDays(inDays), durationMinutes = 60,
            teacher = "Fatima Zahra", joinUrl = "https://meet.example.ma/seance", capacity = 20,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LiveClassesApi.LiveClassResponse>(Json))!.Id;
    }

    private async Task<CourseDetails> CourseAsync(Guid id) => (await app.Operator().GetFromJsonAsync<CourseDetails>($"/courses/{id}", Json))!;

    private async Task<List<JsonElement>> OutboxAsync(string type, Func<JsonElement, bool> which)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        return (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains($".{type},")).ToListAsync())
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Where(which).ToList();
    }

    private static object PauseRequest(string scope, string? commune = null, string? centreType = null, DateOnly? from = null, DateOnly? until = null) => new
    {
        scope, commune, centreType, from = from ?? Today, until = until ?? Today.AddDays(30),
        reasonAr = "تعليق الأنشطة الحضورية بسبب الفيضانات.", reasonFr = "Activités en présentiel suspendues en raison des inondations.",
    };

    [Fact]
    public async Task When_a_commune_is_paused_twice_and_resumed_twice_Should_switch_cancel_and_restore_once()
    {
        var commune = $"Sidi Rahal {Guid.NewGuid():N}"[..30];
        var hybrid = await CentreAsync(commune, "Hybrid");
        var inPerson = await CentreAsync(commune, "InPerson");
        var elsewhere = await CentreAsync($"Tamelelt {Guid.NewGuid():N}"[..30], "Hybrid");
        var goesRemote = await PublishedCourseAsync(hybrid.Id);
        var stops = await PublishedCourseAsync(inPerson.Id);
        var untouched = await PublishedCourseAsync(elsewhere.Id);
        var inPeriod = await LiveClassAsync(inPerson.Id, stops.Id, 12);
        var afterPeriod = await LiveClassAsync(inPerson.Id, stops.Id, 45);

        var preview = await app.Operator().PostAsJsonAsync("/centre-pauses/preview", PauseRequest("Commune", commune));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var plan = (await preview.Content.ReadFromJsonAsync<CentrePausesApi.PreviewResponse>(Json))!;
        Assert.Equal(new[] { hybrid.Id, inPerson.Id }.Order(), plan.Centres.Select(c => c.Id).Order());
        Assert.Equal(ServiceMode.Remote, plan.Courses.Single(c => c.CourseId == goesRemote.Id).ModeDuring);
        Assert.Equal(1, plan.Courses.Single(c => c.CourseId == stops.Id).CancelledLiveClasses);
        Assert.Equal(ServiceMode.Hybrid, (await CourseAsync(goesRemote.Id)).Mode); // a preview changes nothing

        var key = Guid.NewGuid().ToString();
        var first = new HttpRequestMessage(HttpMethod.Post, "/centre-pauses") { Content = JsonContent.Create(PauseRequest("Commune", commune)) };
        first.Headers.Add("Idempotency-Key", key);
        var made = await app.Operator().SendAsync(first);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var pause = (await made.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!;
        var again = new HttpRequestMessage(HttpMethod.Post, "/centre-pauses") { Content = JsonContent.Create(PauseRequest("Commune", commune)) };
        again.Headers.Add("Idempotency-Key", key);
        var replay = await app.Operator().SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(pause.Id, (await replay.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!.Id);
        var second = await app.Operator().PostAsJsonAsync("/centre-pauses", PauseRequest("Commune", commune)); // another key: nothing left to take
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("nothing-to-pause", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        Assert.Equal(ServiceMode.Remote, (await CourseAsync(goesRemote.Id)).Mode);
        Assert.Equal(ServiceMode.InPerson, (await CourseAsync(stops.Id)).Mode);
        Assert.Equal(ServiceMode.Hybrid, (await CourseAsync(untouched.Id)).Mode);
        var classes = (await app.CreateClient().GetFromJsonAsync<LiveClassesApi.LiveClassResponse[]>($"/courses/{stops.Id}/live-classes", Json))!;
        Assert.Equal(LiveClassStatus.Cancelled, classes.Single(l => l.Id == inPeriod).Status);
        Assert.Equal(LiveClassStatus.Scheduled, classes.Single(l => l.Id == afterPeriod).Status);
        Assert.Single(await OutboxAsync("LiveClassCancelled", e => e.GetProperty("liveClassId").GetGuid() == inPeriod));
        var paused = Assert.Single(await OutboxAsync("CentresPaused", e => e.GetProperty("pauseId").GetGuid() == pause.Id));
        Assert.Equal(2, paused.GetProperty("courses").GetArrayLength());

        // Everyone sees the banner of a paused centre, and none for a centre that runs normally.
        var banner = await app.CreateClient().GetAsync($"/centres/{hybrid.Id}/pause");
        Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
        Assert.Equal(pause.Id, (await banner.Content.ReadFromJsonAsync<CentrePausesApi.CentrePauseNotice>(Json))!.PauseId);
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().GetAsync($"/centres/{elsewhere.Id}/pause")).StatusCode);

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.Operator().PostAsync($"/centre-pauses/{pause.Id}/resume", null)).StatusCode);
        Assert.Equal(ServiceMode.Hybrid, (await CourseAsync(goesRemote.Id)).Mode);
        Assert.Single(await OutboxAsync("CentresResumed", e => e.GetProperty("pauseId").GetGuid() == pause.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().GetAsync($"/centres/{hybrid.Id}/pause")).StatusCode);
        var listed = (await app.Operator().GetFromJsonAsync<Page<CentrePausesApi.PauseResponse>>("/centre-pauses?pageSize=100", Json))!;
        Assert.NotNull(listed.Items.Single(p => p.Id == pause.Id).ResumedAt);
    }

    [Fact]
    public async Task When_a_manager_changed_a_course_during_the_pause_Resuming_Should_keep_their_mode()
    {
        var commune = $"Laattaouia {Guid.NewGuid():N}"[..30];
        var centre = await CentreAsync(commune, "PartlyInPerson");
        var course = await PublishedCourseAsync(centre.Id);
        var made = await app.Operator().PostAsJsonAsync("/centre-pauses", PauseRequest("Commune", commune, until: null));
        var pause = (await made.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!;
        Assert.Equal(ServiceMode.Remote, (await CourseAsync(course.Id)).Mode);

        // No endpoint changes a published course's mode yet: the database stands in for the manager's choice.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
            await db.Courses.Where(c => c.Id == course.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Mode, ServiceMode.Hybrid));
        }
        var resumed = await app.Operator().PostAsync($"/centre-pauses/{pause.Id}/resume", null);
        Assert.False((await resumed.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!.Courses.Single().Restored);
        Assert.Equal(ServiceMode.Hybrid, (await CourseAsync(course.Id)).Mode);
        var told = Assert.Single(await OutboxAsync("CentresResumed", e => e.GetProperty("pauseId").GetGuid() == pause.Id));
        Assert.False(told.GetProperty("courses")[0].GetProperty("restored").GetBoolean());
    }

    [Fact]
    public async Task When_a_type_then_all_centres_are_paused_Should_take_exactly_the_centres_not_already_held()
    {
        var special = await CentreAsync($"Zemrane {Guid.NewGuid():N}"[..30], "Hybrid", "SpecialEducation");
        var other = await CentreAsync($"Zemrane {Guid.NewGuid():N}"[..30], "Hybrid", "Literacy");
        var byType = await app.Operator().PostAsJsonAsync("/centre-pauses", PauseRequest("CentreType", centreType: "SpecialEducation"));
        Assert.Equal(HttpStatusCode.Created, byType.StatusCode);
        var typePause = (await byType.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!;
        Assert.Contains(special.Id, typePause.Centres.Select(c => c.Id));
        Assert.All(typePause.Centres, c => Assert.Equal(CentreType.SpecialEducation, c.Type));

        var all = await app.Operator().PostAsJsonAsync("/centre-pauses", PauseRequest("All"));
        Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        var allPause = (await all.Content.ReadFromJsonAsync<CentrePausesApi.PauseResponse>(Json))!;
        Assert.Contains(other.Id, allPause.Centres.Select(c => c.Id));
        Assert.DoesNotContain(special.Id, allPause.Centres.Select(c => c.Id));

        // Resumed, so the other tests of this class find every centre free again.
        foreach (var id in new[] { typePause.Id, allPause.Id })
            (await app.Operator().PostAsync($"/centre-pauses/{id}/resume", null)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("Commune", null, null, 0, 30, "Commune")]
    [InlineData("CentreType", null, null, 0, 30, "CentreType")]
    [InlineData("Commune", "El Attaouia", null, 5, 2, "Until")]
    [InlineData("All", null, null, -30, 2, "From")]
    public async Task When_a_pause_request_breaks_the_rules_Should_answer_problem_details_and_pause_nothing(
        string scope, string? commune, string? type, int fromDays, int untilDays, string field)
    {
        var before = (await app.Operator().GetFromJsonAsync<Page<CentrePausesApi.PauseResponse>>("/centre-pauses", Json))!.Total;
        var response = await app.Operator().PostAsJsonAsync("/centre-pauses", PauseRequest(scope, commune, type, Today.AddDays(fromDays), Today.AddDays(untilDays)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, (await app.Operator().GetFromJsonAsync<Page<CentrePausesApi.PauseResponse>>("/centre-pauses", Json))!.Total);
    }

    [Fact]
    public async Task When_someone_other_than_an_operator_pauses_Should_be_refused()
    {
        var centre = await CentreAsync($"Jbiel {Guid.NewGuid():N}"[..30], "Hybrid");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Manager(centre.Id).PostAsJsonAsync("/centre-pauses", PauseRequest("All"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/centre-pauses")).StatusCode);
    }

    [Fact]
    public async Task When_the_demo_is_seeded_twice_Should_hold_one_past_pause_of_kelaa_resumed_with_its_events()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        await DemoData.SeedAsync(db, CancellationToken.None);
        db.ChangeTracker.Clear();
        await DemoData.SeedAsync(db, CancellationToken.None);

        var pause = await db.CentrePauses.AsNoTracking().SingleAsync(p => p.Id == DemoIds.Of("pause:2020:kelaa"));
        Assert.Equal("Kelâat Es-Sraghna", pause.Commune);
        Assert.Equal(2020, pause.From.Year);
        Assert.Null(pause.Until); // "until further notice"
        Assert.NotNull(pause.ResumedAt);
        Assert.Equal(2, pause.CentreIds.Count);
        Assert.Single(await OutboxAsync("CentresPaused", e => e.GetProperty("pauseId").GetGuid() == pause.Id));
        Assert.Single(await OutboxAsync("CentresResumed", e => e.GetProperty("pauseId").GetGuid() == pause.Id));
        Assert.Equal(ServiceMode.PartlyInPerson, (await db.Centres.SingleAsync(c => c.Id == DemoIds.Of("centre:vocational-kelaa"))).Mode);
    }
}
