using System.Net.Http.Json;
using Tadamon.Contracts.Enrollment;
using Tadamon.Courses.Apis;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

/// <summary>
/// The public course page shows the outline and the preview lessons; the other lessons' text and links go to the
/// beneficiaries enrollment reports as seated, the centre's managers and operators.
/// </summary>
public sealed class LessonAccessTests(CoursesFixture app) : IClassFixture<CoursesFixture>
{
    private sealed record Published(Guid CourseId, Guid CentreId, Guid PreviewId, Guid LockedId);

    private async Task<Published> PublishedCourseAsync()
    {
        var (manager, course) = await app.NewDraftCourseAsync();
        var module = (await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils")).Modules.Single();
        await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Découverte", "Texte ouvert");
        var lessons = (await CoursesFixture.AddLessonAsync(manager, course.Id, module.Id, "Secrets", "Texte réservé")).Modules.Single().Lessons;
        var preview = await manager.PutAsJsonAsync($"/courses/{course.Id}/modules/{module.Id}/lessons/{lessons[0].Id}", new
        {
            titleAr = "اكتشاف", titleFr = "Découverte", contentAr = "نص", contentFr = "Texte ouvert",
            mediaUrl = "https://media.entraidekelaa.example/decouverte.mp4", estimatedMinutes = 10, required = true, isPreview = true,
        });
        preview.EnsureSuccessStatusCode();
        (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();
        return new(course.Id, course.CentreId, lessons[0].Id, lessons[1].Id);
    }

    private async Task<IReadOnlyList<LessonResponse>> LessonsSeenBy(HttpClient client, Guid courseId) =>
        (await client.GetFromJsonAsync<CourseDetails>($"/courses/{courseId}", CoursesFixture.Json))!.Modules.SelectMany(m => m.Lessons).ToList();

    private static void AssertLocked(LessonResponse lesson)
    {
        Assert.True(lesson.Locked);
        Assert.Equal("Secrets", lesson.TitleFr); // the outline stays public
        Assert.Null(lesson.ContentFr);
        Assert.Null(lesson.ContentAr);
        Assert.Null(lesson.MediaUrl);
        Assert.Null(lesson.DocumentUrl);
    }

    [Fact]
    public async Task When_anyone_reads_a_course_Should_see_the_outline_and_only_the_preview_lessons_content()
    {
        var course = await PublishedCourseAsync();

        foreach (var stranger in new[] { app.CreateClient(), app.As("b-not-seated", "beneficiary"), app.As("buyer-1", "buyer") })
        {
            var lessons = await LessonsSeenBy(stranger, course.CourseId);
            var preview = lessons.Single(l => l.Id == course.PreviewId);
            Assert.True(preview.IsPreview);
            Assert.False(preview.Locked);
            Assert.Equal("Texte ouvert", preview.ContentFr);
            Assert.NotNull(preview.MediaUrl);
            AssertLocked(lessons.Single(l => l.Id == course.LockedId));
        }
    }

    [Fact]
    public async Task When_the_centres_manager_or_an_operator_reads_a_course_Should_see_every_lesson()
    {
        var course = await PublishedCourseAsync();

        foreach (var staff in new[] { app.Manager(course.CentreId), app.Operator() })
        {
            var locked = (await LessonsSeenBy(staff, course.CourseId)).Single(l => l.Id == course.LockedId);
            Assert.False(locked.Locked);
            Assert.Equal("Texte réservé", locked.ContentFr);
        }
        // Another centre's manager is a stranger here.
        AssertLocked((await LessonsSeenBy(app.Manager(Guid.NewGuid()), course.CourseId)).Single(l => l.Id == course.LockedId));
    }

    [Fact]
    public async Task When_enrollment_seats_a_beneficiary_Should_open_the_lessons_to_them_until_they_leave()
    {
        var course = await PublishedCourseAsync();
        var person = $"b-{Guid.NewGuid():N}";
        var beneficiary = app.As(person, "beneficiary");
        AssertLocked((await LessonsSeenBy(beneficiary, course.CourseId)).Single(l => l.Id == course.LockedId));

        var confirmed = new EnrollmentConfirmed(Guid.NewGuid(), Guid.NewGuid(), course.CourseId, person, false, new SeatCounts(12, 1, 0, Version: 1));
        await app.PublishAsync(confirmed);
        await Eventually.TrueAsync(() => app.HandledAsync(confirmed.EventId), "the seat report");
        var open = (await LessonsSeenBy(beneficiary, course.CourseId)).Single(l => l.Id == course.LockedId);
        Assert.False(open.Locked);
        Assert.Equal("Texte réservé", open.ContentFr);
        AssertLocked((await LessonsSeenBy(app.As("b-other", "beneficiary"), course.CourseId)).Single(l => l.Id == course.LockedId));

        var withdrawn = new EnrollmentWithdrawn(Guid.NewGuid(), course.CourseId, person, new SeatCounts(12, 0, 0, Version: 3));
        var lateConfirmation = confirmed with { EventId = Guid.NewGuid(), Seats = new SeatCounts(12, 1, 0, Version: 2) };
        await app.PublishAsync(withdrawn);
        await Eventually.TrueAsync(() => app.HandledAsync(withdrawn.EventId), "the withdrawal");
        await app.PublishAsync(lateConfirmation);
        await Eventually.TrueAsync(() => app.HandledAsync(lateConfirmation.EventId), "an older seat report, arriving late");
        AssertLocked((await LessonsSeenBy(beneficiary, course.CourseId)).Single(l => l.Id == course.LockedId));
    }
}
