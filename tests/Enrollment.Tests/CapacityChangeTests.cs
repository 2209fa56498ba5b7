using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Model;
using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

public sealed class CapacityChangeTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    [Fact]
    public async Task When_capacity_is_reduced_below_the_seated_Should_evict_nobody_and_give_no_seat_until_enough_leave()
    {
        var course = await app.NewCourseAsync(capacity: 3);
        var seated = new List<(HttpClient Client, Apis.EnrollmentResponse Enrollment)>();
        for (var i = 0; i < 3; i++) seated.Add(await app.SeatedAsync(course, $"Khadija {i}"));

        await app.PublishAsync(new CourseCapacityChanged(course.CourseId, 2));
        await Eventually.TrueAsync(async () => (await app.SeatsAsync(course.CourseId)).Capacity == 2, "the reduced capacity to arrive");

        var seats = await app.SeatsAsync(course.CourseId);
        Assert.Equal((3, 0), (seats.SeatsTaken, seats.SeatsLeft));
        var late = await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId, "Naima");
        var waiting = await EnrollmentFixture.ApproveAsync(app.Manager(course.CentreId), late.Id);
        Assert.Equal((EnrollmentStatus.Waiting, 1), (waiting.Status, waiting.WaitingNumber));

        // One leaves: three seated become two, which is the capacity: still no seat for the waiting person.
        (await seated[0].Client.PostAsync($"/enrollments/{seated[0].Enrollment.Id}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.Equal(EnrollmentStatus.Waiting, (await StatusOf(waiting.Id, course)).Status);
        // A second leaves: now a seat is free and the first on the list takes it.
        (await seated[1].Client.PostAsync($"/enrollments/{seated[1].Enrollment.Id}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.Equal(EnrollmentStatus.Seated, (await StatusOf(waiting.Id, course)).Status);
        Assert.Equal(2, (await app.SeatsAsync(course.CourseId)).SeatsTaken);
    }

    [Fact]
    public async Task When_capacity_is_raised_Should_seat_the_first_waiting_at_once_and_tell_them()
    {
        var course = await app.NewCourseAsync(capacity: 1);
        await app.SeatedAsync(course, "Said");
        var manager = app.Manager(course.CentreId);
        var firstClient = app.Beneficiary();
        var first = await EnrollmentFixture.ApproveAsync(manager, (await EnrollmentFixture.PreRegisterAsync(firstClient, course.CourseId, "Amina")).Id);
        var second = await EnrollmentFixture.ApproveAsync(manager, (await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId, "Rachid")).Id);
        Assert.Equal((1, 2), (first.WaitingNumber, second.WaitingNumber));

        await app.PublishAsync(new CourseCapacityChanged(course.CourseId, 2));
        await Eventually.TrueAsync(async () => (await app.SeatsAsync(course.CourseId)).SeatsTaken == 2, "the raised capacity to seat someone");

        Assert.Equal(EnrollmentStatus.Seated, (await StatusOf(first.Id, course)).Status);
        var secondNow = await StatusOf(second.Id, course);
        Assert.Equal((EnrollmentStatus.Waiting, 1), (secondNow.Status, secondNow.WaitingPosition));
        var notes = await firstClient.GetStringAsync("/me/notifications");
        Assert.Contains("SeatOffered", notes);
    }

    [Fact]
    public async Task When_an_older_capacity_arrives_after_a_newer_one_Should_keep_the_newer()
    {
        var course = await app.NewCourseAsync(capacity: 5);
        var newer = new CourseCapacityChanged(course.CourseId, 9);
        var older = new CourseCapacityChanged(course.CourseId, 7) { OccurredAt = newer.OccurredAt.AddSeconds(-5) };

        await app.PublishAsync(newer);
        await Eventually.TrueAsync(async () => (await app.SeatsAsync(course.CourseId)).Capacity == 9, "the newer capacity");
        await app.PublishAsync(older);
        await Eventually.TrueAsync(() => app.HandledAsync(older.EventId), "the older capacity to be handled");

        Assert.Equal(9, (await app.SeatsAsync(course.CourseId)).Capacity);
    }

    private async Task<Apis.EnrollmentResponse> StatusOf(Guid enrollmentId, CoursePublished course) =>
        (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Apis.EnrollmentResponse>(
            app.Manager(course.CentreId), $"/enrollments/{enrollmentId}", EnrollmentFixture.Json))!;
}
