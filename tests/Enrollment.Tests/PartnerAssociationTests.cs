using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Apis;
using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

/// <summary>
/// Enrollment learns who runs a centre from courses' <see cref="CentreAssociationChanged"/>, through the broker: the
/// association's manager decides the pre-registrations of its centres, and of no other, while the association runs them.
/// </summary>
public sealed class PartnerAssociationTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    private async Task TellAsync(CentreAssociationChanged change)
    {
        await app.PublishAsync(change);
        await Eventually.TrueAsync(() => app.HandledAsync(change.EventId), "enrollment to hear who runs the centre");
    }

    [Fact]
    public async Task When_an_association_runs_two_centres_Its_manager_Should_decide_for_both_and_find_nothing_in_a_third()
    {
        var association = Guid.NewGuid();
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await TellAsync(new CentreAssociationChanged(first, association));
        await TellAsync(new CentreAssociationChanged(second, association));
        var courses = new[] { await app.NewCourseAsync(centreId: first), await app.NewCourseAsync(centreId: second), await app.NewCourseAsync(centreId: third) };
        var pres = new List<PreRegistrationResponse>();
        foreach (var course in courses) pres.Add(await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId));
        var manager = app.AssociationManager(association);

        // Without a centre, the review lists every centre the association runs, and only those.
        var all = await manager.GetFromJsonAsync<Page<PreRegistrationResponse>>("/pre-registrations?pageSize=100", EnrollmentFixture.Json);
        Assert.Equal(new[] { pres[0].Id, pres[1].Id }.Order(), all!.Items.Select(p => p.Id).Order());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/pre-registrations?centreId={second}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/pre-registrations?centreId={third}")).StatusCode);

        Assert.Equal(Model.EnrollmentStatus.Seated, (await EnrollmentFixture.ApproveAsync(manager, pres[0].Id)).Status);
        Assert.Equal(Model.EnrollmentStatus.Seated, (await EnrollmentFixture.ApproveAsync(manager, pres[1].Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/courses/{courses[0].CourseId}/progress")).StatusCode);

        // The third centre's applicant does not exist for this manager, and nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/pre-registrations/{pres[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/pre-registrations/{pres[2].Id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/pre-registrations/{pres[2].Id}/reject", new { reason = "Pas chez nous" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/courses/{courses[2].CourseId}/waiting-list")).StatusCode); // the course is public
        var untouched = await app.Manager(third).GetFromJsonAsync<PreRegistrationResponse>($"/pre-registrations/{pres[2].Id}", EnrollmentFixture.Json);
        Assert.Equal(Model.PreRegistrationStatus.Submitted, untouched!.Status);
        Assert.Equal(0, (await app.SeatsAsync(courses[2].CourseId)).SeatsTaken);
    }

    [Fact]
    public async Task When_a_centre_is_taken_back_Its_association_manager_Should_lose_it_and_a_late_older_change_Should_not_give_it_back()
    {
        var association = Guid.NewGuid();
        var centre = Guid.NewGuid();
        var given = new CentreAssociationChanged(centre, association);
        await TellAsync(given);
        var course = await app.NewCourseAsync(centreId: centre);
        var first = await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId);
        var manager = app.AssociationManager(association);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/pre-registrations/{first.Id}")).StatusCode);

        await TellAsync(new CentreAssociationChanged(centre, null));

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/pre-registrations/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/pre-registrations/{first.Id}/approve", new { })).StatusCode);
        Assert.Empty((await manager.GetFromJsonAsync<Page<PreRegistrationResponse>>("/pre-registrations", EnrollmentFixture.Json))!.Items);

        // A copy of the first change, redelivered late with a new id, is older than the removal: it changes nothing.
        await TellAsync(given with { EventId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/pre-registrations/{first.Id}")).StatusCode);
        Assert.Equal(Model.PreRegistrationStatus.Submitted,
            (await app.Manager(centre).GetFromJsonAsync<PreRegistrationResponse>($"/pre-registrations/{first.Id}", EnrollmentFixture.Json))!.Status);
    }
}
