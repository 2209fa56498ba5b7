using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Xunit.Abstractions;

namespace Tadamon.Enrollment.Tests;

/// <summary>Capacity is never exceeded, whatever arrives at the same instant, on the real PostgreSQL.</summary>
public sealed class SeatRaceTests(EnrollmentFixture app, ITestOutputHelper output) : IClassFixture<EnrollmentFixture>
{
    [Fact]
    public async Task When_many_approvals_race_for_few_seats_Should_seat_exactly_the_capacity_and_number_the_rest()
    {
        const int capacity = 5;
        // More applicants for a measurement run: TADAMON_SEAT_RACE_APPLICANTS=500 dotnet test --filter SeatRace
        var applicants = int.TryParse(Environment.GetEnvironmentVariable("TADAMON_SEAT_RACE_APPLICANTS"), out var n) && n > capacity ? n : 60;
        var course = await app.NewCourseAsync(capacity: capacity);
        var manager = app.Manager(course.CentreId);

        var clock = Stopwatch.StartNew();
        var submitted = await Task.WhenAll(Enumerable.Range(1, applicants)
            .Select(i => EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId, $"Bénéficiaire {i}")));
        var submitSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var approved = await Task.WhenAll(submitted.Select(p => EnrollmentFixture.ApproveAsync(manager, p.Id)));
        var approveSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"{applicants} pre-registrations in {submitSeconds:F2} s ({applicants / submitSeconds:F0}/s); " +
                         $"{applicants} concurrent approvals on one course in {approveSeconds:F2} s ({applicants / approveSeconds:F0}/s)");

        Assert.Equal(capacity, approved.Count(e => e.Status == EnrollmentStatus.Seated));
        Assert.Equal(Enumerable.Range(1, applicants - capacity), approved.Where(e => e.Status == EnrollmentStatus.Waiting).Select(e => e.WaitingNumber!.Value).Order());
        var seats = await app.SeatsAsync(course.CourseId);
        Assert.Equal((capacity, 0, applicants - capacity), (seats.SeatsTaken, seats.SeatsLeft, seats.WaitingCount));
        await AssertCountsMatchRowsAsync(course.CourseId);
    }

    [Fact]
    public async Task When_withdrawals_and_approvals_race_Should_never_exceed_capacity_and_promote_in_waiting_order()
    {
        const int capacity = 4;
        var course = await app.NewCourseAsync(capacity: capacity);
        var manager = app.Manager(course.CentreId);
        var people = await Task.WhenAll(Enumerable.Range(1, 24).Select(async i =>
        {
            var client = app.Beneficiary();
            return (Client: client, Pre: await EnrollmentFixture.PreRegisterAsync(client, course.CourseId, $"Bénéficiaire {i}"));
        }));
        // The first twelve in turn: four seats, eight numbered waiting places.
        var first = new List<EnrollmentResponse>();
        foreach (var p in people.Take(12)) first.Add(await EnrollmentFixture.ApproveAsync(manager, p.Pre.Id));
        var seated = first.Where(e => e.Status == EnrollmentStatus.Seated).ToList();

        // At the same instant: every seated person leaves, two waiting people leave, twelve more are approved.
        var leaving = seated.Concat(first.Where(e => e.WaitingNumber is 3 or 6)).ToList();
        var tasks = leaving.Select(e => people.Single(p => p.Pre.Id == e.PreRegistrationId).Client.PostAsync($"/enrollments/{e.Id}/withdraw", null))
            .Concat(people.Skip(12).Select(p => manager.PostAsJsonAsync($"/pre-registrations/{p.Pre.Id}/approve", new { })));
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var seats = await app.SeatsAsync(course.CourseId);
        Assert.Equal(capacity, seats.SeatsTaken);
        Assert.Equal(24 - leaving.Count - capacity, seats.WaitingCount);
        await AssertCountsMatchRowsAsync(course.CourseId);
        // The freed seats went to the lowest waiting numbers among those who stayed: 1, 2, 4, 5.
        var promoted = await Task.WhenAll(first.Where(e => e.WaitingNumber is 1 or 2 or 4 or 5)
            .Select(e => manager.GetFromJsonAsync<EnrollmentResponse>($"/enrollments/{e.Id}", EnrollmentFixture.Json)));
        Assert.All(promoted, e => Assert.Equal(EnrollmentStatus.Seated, e!.Status));
    }

    private async Task AssertCountsMatchRowsAsync(Guid courseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        var row = await db.CourseSeats.AsNoTracking().SingleAsync(s => s.CourseId == courseId);
        var seatedRows = await db.Enrollments.CountAsync(e => e.CourseId == courseId && e.Status == EnrollmentStatus.Seated);
        var waitingRows = await db.Enrollments.CountAsync(e => e.CourseId == courseId && e.Status == EnrollmentStatus.Waiting);
        Assert.True(seatedRows <= row.Capacity, $"{seatedRows} seated on a course of {row.Capacity}");
        Assert.Equal(row.SeatsTaken, seatedRows);
        Assert.Equal(row.WaitingCount, waitingRows);
    }
}
