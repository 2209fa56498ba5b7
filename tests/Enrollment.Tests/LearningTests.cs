using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Model;
using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

public sealed class LearningTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    private static readonly JsonSerializerOptions Json = EnrollmentFixture.Json;

    [Fact]
    public async Task When_a_lesson_is_completed_before_the_required_one_ahead_of_it_Should_refuse_naming_that_lesson()
    {
        var outline = EnrollmentFixture.Outline((1, true), (1, false), (2, true));
        var course = await app.NewCourseAsync(outline: outline);
        var (beneficiary, enrollment) = await app.SeatedAsync(course);

        var tooEarly = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[2].LessonId}/complete", null);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var problem = await tooEarly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lesson-locked", problem.GetProperty("code").GetString());
        Assert.Contains(outline[0].TitleFr, problem.GetProperty("title").GetString());

        (await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null)).EnsureSuccessStatusCode();
        // The optional lesson in between may be skipped.
        var lessons = await beneficiary.GetFromJsonAsync<LearningApi.LessonEntry[]>($"/enrollments/{enrollment.Id}/lessons", Json);
        Assert.Equal([LearningApi.LessonState.Done, LearningApi.LessonState.Open, LearningApi.LessonState.Open], lessons!.Select(l => l.State));
        (await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[2].LessonId}/complete", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task When_every_required_lesson_is_done_Should_complete_the_course_with_a_certificate_anyone_can_verify()
    {
        var outline = EnrollmentFixture.Outline((1, true), (1, true), (2, true));
        var course = await app.NewCourseAsync(outline: outline);
        var (beneficiary, enrollment) = await app.SeatedAsync(course, "Fatima <b>Zahra</b>");

        LearningApi.ProgressResponse? progress = null;
        foreach (var lesson in outline)
        {
            var response = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{lesson.LessonId}/complete", null);
            response.EnsureSuccessStatusCode();
            progress = await response.Content.ReadFromJsonAsync<LearningApi.ProgressResponse>(Json);
        }

        Assert.Equal(EnrollmentStatus.Completed, progress!.Status);
        Assert.Equal(100, progress.Progress.Percent);
        var code = progress.CertificateCode!;
        var anonymous = app.CreateClient();
        var certificate = await anonymous.GetFromJsonAsync<CertificatesApi.CertificateResponse>($"/certificates/{code.ToLowerInvariant()}", Json);
        Assert.Equal(("Fatima <b>Zahra</b>", course.CourseId, true), (certificate!.BeneficiaryName, certificate.CourseId, certificate.Valid));
        // The printable sheet is the site's page (styled by its stylesheet); the API only points there.
        Assert.Equal($"/learn/certificates/{code}/print", certificate.PrintUrl);
        var page = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/certificates/{code}/print");
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/learn/certificates/{code}/print", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/certificates/AAAA-BBBB-CCCC")).StatusCode);
        // Completing a lesson again changes nothing and issues no second certificate.
        var again = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null);
        Assert.Equal(code, (await again.Content.ReadFromJsonAsync<LearningApi.ProgressResponse>(Json))!.CertificateCode);
    }

    [Fact]
    public async Task When_a_remote_course_requires_live_classes_Should_complete_only_once_enough_were_attended()
    {
        var outline = EnrollmentFixture.Outline((1, true));
        var course = await app.NewCourseAsync(mode: "Remote", liveAttendancePercent: 75, outline: outline);
        var (beneficiary, enrollment) = await app.SeatedAsync(course);
        var live = new LiveClassScheduled(Guid.NewGuid(), course.CourseId, "قسم مباشر", "Classe en direct", DateTimeOffset.UtcNow.AddMinutes(5), 60,
            "Nadia Bennani", "https://meet.entraidekelaa.example/remote-1", "KS1", 30);
        await app.PublishAsync(live);
        await Eventually.TrueAsync(async () => (await beneficiary.GetStringAsync("/me/notifications")).Contains("LiveClassScheduled"), "the class announcement");

        var afterLessons = await (await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null))
            .Content.ReadFromJsonAsync<LearningApi.ProgressResponse>(Json);
        Assert.Equal(EnrollmentStatus.Seated, afterLessons!.Status);
        Assert.False(afterLessons.Progress.LiveAttendanceMet);

        var join = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/live-classes/{live.LiveClassId}/join", null);
        join.EnsureSuccessStatusCode();
        var joined = await join.Content.ReadFromJsonAsync<LearningApi.JoinResponse>(Json);
        Assert.Equal(("https://meet.entraidekelaa.example/remote-1", "KS1"), (joined!.JoinUrl, joined.AccessCode));
        Assert.NotNull(joined.CertificateCode);
        var attendance = await app.Manager(course.CentreId).GetFromJsonAsync<CentreViewsApi.LiveClassAttendance[]>($"/courses/{course.CourseId}/attendance", Json);
        Assert.Equal((1, 1), (attendance!.Single().Attended, attendance!.Single().Seated));
    }

    [Fact]
    public async Task When_a_live_class_is_cancelled_Should_tell_the_seated_and_refuse_to_join_it()
    {
        var course = await app.NewCourseAsync();
        var (beneficiary, enrollment) = await app.SeatedAsync(course);
        var live = new LiveClassScheduled(Guid.NewGuid(), course.CourseId, "قسم", "Classe", DateTimeOffset.UtcNow.AddMinutes(5), 60,
            "Salma Idrissi", "https://meet.example/c", null, 30);
        await app.PublishAsync(live);
        await app.PublishAsync(new LiveClassCancelled(live.LiveClassId, course.CourseId, "Enseignante absente"));
        await Eventually.TrueAsync(async () => (await beneficiary.GetStringAsync("/me/notifications")).Contains("LiveClassCancelled"), "the cancellation notice");

        var join = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/live-classes/{live.LiveClassId}/join", null);

        Assert.Equal(HttpStatusCode.Conflict, join.StatusCode);
        Assert.Equal("live-class-not-open", await EnrollmentFixture.ProblemCodeAsync(join));
    }

    [Fact]
    public async Task When_the_course_reorders_its_lessons_Should_open_them_in_the_new_order()
    {
        var outline = EnrollmentFixture.Outline((1, true), (1, true));
        var course = await app.NewCourseAsync(outline: outline);
        var (beneficiary, enrollment) = await app.SeatedAsync(course);
        var swapped = new[] { outline[1] with { Position = 1 }, outline[0] with { Position = 2 } };

        var change = new CourseOutlineChanged(course.CourseId, swapped);
        await app.PublishAsync(change);
        await Eventually.TrueAsync(() => app.HandledAsync(change.EventId), "the new outline");

        var lessons = await beneficiary.GetFromJsonAsync<LearningApi.LessonEntry[]>($"/enrollments/{enrollment.Id}/lessons", Json);
        Assert.Equal([outline[1].LessonId, outline[0].LessonId], lessons!.Select(l => l.LessonId));
        Assert.Equal([LearningApi.LessonState.Open, LearningApi.LessonState.Locked], lessons!.Select(l => l.State));
        var first = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null);
        Assert.Equal("lesson-locked", await EnrollmentFixture.ProblemCodeAsync(first));
    }

    [Fact]
    public async Task When_a_live_class_moves_Should_tell_the_seated_the_new_time_and_ignore_an_older_move()
    {
        var course = await app.NewCourseAsync();
        var (beneficiary, _) = await app.SeatedAsync(course);
        var live = new LiveClassScheduled(Guid.NewGuid(), course.CourseId, "قسم", "Classe", new DateTimeOffset(2030, 6, 6, 9, 0, 0, TimeSpan.Zero), 60,
            "Abdellah Ouchen", "https://meet.example/m", null, 30);
        var moved = new LiveClassMoved(live.LiveClassId, course.CourseId, new DateTimeOffset(2030, 6, 8, 14, 30, 0, TimeSpan.Zero), 90);
        var stale = new LiveClassMoved(live.LiveClassId, course.CourseId, new DateTimeOffset(2030, 6, 7, 9, 0, 0, TimeSpan.Zero), 60)
            { OccurredAt = moved.OccurredAt.AddMinutes(-1) };

        await app.PublishAsync(live);
        await Eventually.TrueAsync(() => app.HandledAsync(live.EventId), "the live class");
        await app.PublishAsync(moved);
        await Eventually.TrueAsync(() => app.HandledAsync(moved.EventId), "the move");
        await app.PublishAsync(stale);
        await Eventually.TrueAsync(() => app.HandledAsync(stale.EventId), "the stale move");

        var notices = await beneficiary.GetStringAsync("/me/notifications");
        // Told in Morocco's time: UTC+1 in June. (January 2030 falls in Ramadan, when Morocco is on UTC: MoroccoClockTests.)
        Assert.Contains("08/06/2030 15:30", notices);
        Assert.DoesNotContain("07/06/2030", notices);
        var attendance = await app.Manager(course.CentreId).GetFromJsonAsync<CentreViewsApi.LiveClassAttendance[]>($"/courses/{course.CourseId}/attendance", Json);
        Assert.Equal(moved.StartsAt, attendance!.Single().StartsAt);
    }

    [Fact]
    public async Task When_a_live_class_room_is_full_Should_refuse_the_next_to_join()
    {
        var course = await app.NewCourseAsync(capacity: 3);
        var (firstClient, first) = await app.SeatedAsync(course, "Hafida");
        var (secondClient, second) = await app.SeatedAsync(course, "Mustapha");
        var live = new LiveClassScheduled(Guid.NewGuid(), course.CourseId, "قسم", "Classe", DateTimeOffset.UtcNow.AddMinutes(10), 45,
            "Khadija Ouhmad", "https://meet.example/small", null, Capacity: 1);
        await app.PublishAsync(live);
        await Eventually.TrueAsync(() => app.HandledAsync(live.EventId), "the live class");

        var joins = await Task.WhenAll(
            firstClient.PostAsync($"/enrollments/{first.Id}/live-classes/{live.LiveClassId}/join", null),
            secondClient.PostAsync($"/enrollments/{second.Id}/live-classes/{live.LiveClassId}/join", null));

        Assert.Single(joins, j => j.StatusCode == HttpStatusCode.OK);
        var refused = joins.Single(j => j.StatusCode != HttpStatusCode.OK);
        Assert.Equal("live-class-full", await EnrollmentFixture.ProblemCodeAsync(refused));
    }

    [Fact]
    public async Task When_another_beneficiary_touches_someone_elses_enrollment_Should_find_nothing_and_change_nothing()
    {
        var outline = EnrollmentFixture.Outline((1, true));
        var course = await app.NewCourseAsync(outline: outline);
        var (_, enrollment) = await app.SeatedAsync(course);
        var stranger = app.Beneficiary();

        var read = await stranger.GetAsync($"/enrollments/{enrollment.Id}/progress");
        var complete = await stranger.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null);
        var withdraw = await stranger.PostAsync($"/enrollments/{enrollment.Id}/withdraw", null);
        var otherManager = await app.Manager(Guid.NewGuid()).GetAsync($"/courses/{course.CourseId}/progress.csv");

        // Whether someone is enrolled is private: a stranger is told there is no such enrollment. The course itself
        // is public, so another centre's manager is refused rather than misled.
        Assert.All(new[] { read, complete, withdraw }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, otherManager.StatusCode);
        Assert.Equal(1, (await app.SeatsAsync(course.CourseId)).SeatsTaken);
    }

    [Fact]
    public async Task When_the_manager_follows_progress_Should_see_each_seated_person_and_export_it_as_csv()
    {
        var outline = EnrollmentFixture.Outline((1, true), (1, true));
        var course = await app.NewCourseAsync(outline: outline);
        var (ahead, aheadEnrollment) = await app.SeatedAsync(course, "Amal Benali");
        await app.SeatedAsync(course, "=Badr Tazi"); // a name a spreadsheet would take for a formula
        (await ahead.PostAsync($"/enrollments/{aheadEnrollment.Id}/lessons/{outline[0].LessonId}/complete", null)).EnsureSuccessStatusCode();
        var manager = app.Manager(course.CentreId);

        var progress = await manager.GetFromJsonAsync<CentreViewsApi.BeneficiaryProgress[]>($"/courses/{course.CourseId}/progress", Json);
        var csv = await manager.GetStringAsync($"/courses/{course.CourseId}/progress.csv");

        Assert.Equal([("=Badr Tazi", 0), ("Amal Benali", 50)], progress!.Select(p => (p.BeneficiaryName, p.Percent)).OrderBy(p => p.Percent));
        Assert.Contains("\"Amal Benali\",Seated,50,1,2", csv);
        Assert.Contains("\"'=Badr Tazi\"", csv);
    }

    [Fact]
    public async Task When_someone_on_the_waiting_list_opens_a_lesson_Should_refuse_until_seated()
    {
        var outline = EnrollmentFixture.Outline((1, true));
        var course = await app.NewCourseAsync(capacity: 1, outline: outline);
        await app.SeatedAsync(course);
        var waitingClient = app.Beneficiary();
        var waiting = await EnrollmentFixture.ApproveAsync(app.Manager(course.CentreId),
            (await EnrollmentFixture.PreRegisterAsync(waitingClient, course.CourseId)).Id);

        var response = await waitingClient.PostAsync($"/enrollments/{waiting.Id}/lessons/{outline[0].LessonId}/complete", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not-seated", await EnrollmentFixture.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task When_a_seated_person_is_rejected_after_approval_Should_free_the_seat_for_the_first_waiting()
    {
        var course = await app.NewCourseAsync(capacity: 1);
        var (_, seated) = await app.SeatedAsync(course);
        var manager = app.Manager(course.CentreId);
        var waitingClient = app.Beneficiary();
        var waiting = await EnrollmentFixture.ApproveAsync(manager, (await EnrollmentFixture.PreRegisterAsync(waitingClient, course.CourseId)).Id);

        var reject = await manager.PostAsJsonAsync($"/pre-registrations/{seated.PreRegistrationId}/reject", new { reason = "Ne remplit pas les conditions d'âge" });

        reject.EnsureSuccessStatusCode();
        var promoted = await manager.GetFromJsonAsync<EnrollmentResponse>($"/enrollments/{waiting.Id}", Json);
        Assert.Equal(EnrollmentStatus.Seated, promoted!.Status);
        Assert.Contains("SeatOffered", await waitingClient.GetStringAsync("/me/notifications"));
        var csv = await manager.GetStringAsync($"/courses/{course.CourseId}/progress.csv");
        Assert.Equal(2, csv.Trim().Split("\r\n").Length); // header + the one seated person
    }
}
