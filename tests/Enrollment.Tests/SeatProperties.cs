using System.Net;
using System.Net.Http.Json;
using FsCheck.Xunit;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Tests;

/// <summary>
/// Model-based: random sequences of applications (each approved at once), withdrawals, rejections after approval
/// and repeated decisions, on a small course, through the service's API on the real database. After every step the
/// seats and the waiting list must be what a plain list model says: never over capacity, promotion in arrival
/// order, and every refusal a 409 that changes nothing.
/// </summary>
public sealed class SeatProperties(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    private const int People = 5;
    private enum Move { Apply, Withdraw, RejectAfterApproval, ApproveAgain }

    /// <summary>Where each person stands in the model; <c>Ended</c> remembers whether a withdrawal (harmless to repeat) ended it.</summary>
    private enum Place { None, Seated, Waiting, Withdrawn, Removed }

    private sealed class Person(int number)
    {
        public string Id { get; } = $"seat-model-{number}-{Guid.NewGuid():N}";
        public Place Place { get; set; }
        public Guid? PreRegistration { get; set; }
        public Guid? Enrollment { get; set; }
    }

    [Property(MaxTest = 15, StartSize = 6, EndSize = 20)]
    public void Seats_and_waiting_list_Should_behave_like_the_list_model(int[] codes, byte capacitySeed) =>
        RunAsync(codes, capacitySeed % 3 + 1).GetAwaiter().GetResult();

    private async Task RunAsync(int[] codes, int capacity)
    {
        var course = await app.NewCourseAsync(capacity: capacity);
        var manager = app.Manager(course.CentreId);
        var people = Enumerable.Range(0, People).Select(i => new Person(i)).ToArray();
        var seated = new List<Person>();
        var waiting = new List<Person>(); // arrival order: the first here is promoted first

        void Free(Person p)
        {
            seated.Remove(p);
            waiting.Remove(p);
            while (seated.Count < capacity && waiting.Count > 0)
            {
                waiting[0].Place = Place.Seated;
                seated.Add(waiting[0]);
                waiting.RemoveAt(0);
            }
        }

        foreach (var code in codes)
        {
            var move = (Move)(Math.Abs(code % 4));
            var person = people[Math.Abs(code / 4 % People)];
            var before = await app.SeatsAsync(course.CourseId);
            var beneficiary = app.Beneficiary(person.Id);
            HttpResponseMessage? answer = null;
            var refused = false;

            switch (move)
            {
                case Move.Apply:
                    answer = await beneficiary.PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));
                    if (person.Place is Place.Seated or Place.Waiting) { refused = true; break; }
                    Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                    person.PreRegistration = (await answer.Content.ReadFromJsonAsync<PreRegistrationResponse>(EnrollmentFixture.Json))!.Id;
                    var enrollment = await EnrollmentFixture.ApproveAsync(manager, person.PreRegistration.Value);
                    person.Enrollment = enrollment.Id;
                    person.Place = seated.Count < capacity ? Place.Seated : Place.Waiting;
                    (person.Place == Place.Seated ? seated : waiting).Add(person);
                    break;
                case Move.Withdraw when person.Enrollment is { } id:
                    answer = await beneficiary.PostAsync($"/enrollments/{id}/withdraw", null);
                    if (person.Place == Place.Removed) { refused = true; break; }
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // a second withdrawal is harmless, not an error
                    if (person.Place is Place.Seated or Place.Waiting) { Free(person); person.Place = Place.Withdrawn; }
                    break;
                case Move.RejectAfterApproval when person.PreRegistration is { } pre:
                    answer = await manager.PostAsJsonAsync($"/pre-registrations/{pre}/reject", new { reason = "Dossier incomplet" });
                    if (person.Place is not (Place.Seated or Place.Waiting)) { refused = true; break; }
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                    Free(person);
                    person.Place = Place.Removed;
                    break;
                case Move.ApproveAgain when person.PreRegistration is { } pre:
                    answer = await manager.PostAsJsonAsync($"/pre-registrations/{pre}/approve", new { });
                    // Approving someone who holds a place answers that same place and moves nobody; once they have
                    // withdrawn or been rejected, the decision stands.
                    if (person.Place is not (Place.Seated or Place.Waiting)) { refused = true; break; }
                    Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                    Assert.Equal(person.Enrollment, (await answer.Content.ReadFromJsonAsync<EnrollmentResponse>(EnrollmentFixture.Json))!.Id);
                    Assert.Equal(before, await app.SeatsAsync(course.CourseId));
                    break;
            }

            if (refused)
            {
                Assert.True(answer!.StatusCode == HttpStatusCode.Conflict, $"{move} by {person.Id} in {person.Place}: {(int)answer.StatusCode}");
                Assert.Equal(before, await app.SeatsAsync(course.CourseId));
            }
            var seats = await app.SeatsAsync(course.CourseId);
            Assert.True(seats.SeatsTaken <= capacity, $"{seats.SeatsTaken} seated for {capacity} seats");
            Assert.Equal((seated.Count, waiting.Count), (seats.SeatsTaken, seats.WaitingCount));
            foreach (var p in people.Where(p => p.Enrollment is not null))
            {
                var actual = (await manager.GetFromJsonAsync<EnrollmentResponse>($"/enrollments/{p.Enrollment}", EnrollmentFixture.Json))!;
                Assert.Equal(Expected(p.Place), actual.Status);
                if (p.Place == Place.Waiting) Assert.Equal(waiting.IndexOf(p) + 1, actual.WaitingPosition);
            }
        }
    }

    private static EnrollmentStatus Expected(Place place) => place switch
    {
        Place.Seated => EnrollmentStatus.Seated,
        Place.Waiting => EnrollmentStatus.Waiting,
        Place.Withdrawn => EnrollmentStatus.Withdrawn,
        _ => EnrollmentStatus.Removed,
    };
}
