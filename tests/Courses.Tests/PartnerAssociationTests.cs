using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

/// <summary>A partner association's manager runs exactly the centres its association runs, for as long as it runs them.</summary>
public sealed class PartnerAssociationTests(CoursesFixture app) : IClassFixture<CoursesFixture>
{
    private static readonly JsonSerializerOptions Json = CoursesFixture.Json;

    private static object AssociationRequest(string registration, string nameFr = "Association Al Amal d'El Attaouia") => new
    {
        nameAr = "جمعية الأمل بالعطاوية", nameFr, registrationNumber = registration, contactName = "Naima Ait Bella",
        phone = "+212 524 437 720", email = "contact@alamal.example.ma",
    };

    private async Task<AssociationsApi.AssociationResponse> NewAssociationAsync()
    {
        var response = await app.Operator().PostAsJsonAsync("/associations", AssociationRequest($"KS-{Guid.NewGuid():N}"[..20]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AssociationsApi.AssociationResponse>(Json))!;
    }

    private async Task AssignAsync(Guid centreId, Guid? associationId) =>
        (await app.Operator().PutAsJsonAsync($"/centres/{centreId}/association", new { associationId })).EnsureSuccessStatusCode();

    private HttpClient AssociationManager(Guid associationId) => app.As($"association-{associationId:N}", "association-manager", associationId);

    [Fact]
    public async Task When_an_association_runs_two_centres_Its_manager_Should_run_both_and_nothing_of_a_third()
    {
        var association = await NewAssociationAsync();
        var (first, second, third) = (await app.NewCentreAsync(), await app.NewCentreAsync(), await app.NewCentreAsync());
        await AssignAsync(first.Id, association.Id);
        await AssignAsync(second.Id, association.Id);
        var season = await app.NewSeasonAsync();
        var manager = AssociationManager(association.Id);

        foreach (var centre in new[] { first, second })
        {
            var created = await manager.PostAsJsonAsync("/courses", CoursesFixture.CourseRequest(centre.Id, season));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var course = (await created.Content.ReadFromJsonAsync<CourseDetails>(Json))!;
            var withModule = await CoursesFixture.AddModuleAsync(manager, course.Id, "Outils");
            await CoursesFixture.AddLessonAsync(manager, course.Id, withModule.Modules.Single().Id, "Un");
            (await manager.PostAsync($"/courses/{course.Id}/publish", null)).EnsureSuccessStatusCode();
            (await manager.PutAsJsonAsync($"/centres/{centre.Id}/mode", new { mode = "Remote" })).EnsureSuccessStatusCode();
        }

        // The third centre's draft does not exist for this manager; its centre is public, so changing it is refused.
        var (_, foreignDraft) = await app.NewDraftCourseAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/courses/{foreignDraft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/courses/{foreignDraft.Id}/modules", new { titleAr = "وحدة", titleFr = "Module" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/courses", CoursesFixture.CourseRequest(third.Id, season))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/centres/{third.Id}/mode", new { mode = "Remote" })).StatusCode);
        var untouched = (await app.Operator().GetFromJsonAsync<CourseDetails>($"/courses/{foreignDraft.Id}", Json))!;
        Assert.Empty(untouched.Modules);
        Assert.Equal("Hybrid", (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/centres/{third.Id}")).GetProperty("mode").GetString());

        // Its own list of centres, as its space shows them.
        var listed = await app.CreateClient().GetFromJsonAsync<Page<CentresApi.CentreResponse>>($"/centres?associationId={association.Id}", Json);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed!.Items.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task When_a_centre_is_taken_back_from_the_association_Its_manager_Should_lose_it_at_once_and_enrollment_be_told()
    {
        var association = await NewAssociationAsync();
        var centre = await app.NewCentreAsync();
        await AssignAsync(centre.Id, association.Id);
        var manager = AssociationManager(association.Id);
        var created = await manager.PostAsJsonAsync("/courses", CoursesFixture.CourseRequest(centre.Id, await app.NewSeasonAsync()));
        var course = (await created.Content.ReadFromJsonAsync<CourseDetails>(Json))!;
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/courses/{course.Id}")).StatusCode);

        await AssignAsync(centre.Id, null);

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/courses/{course.Id}")).StatusCode); // its draft: gone from view
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/courses/{course.Id}/modules", new { titleAr = "وحدة", titleFr = "Module" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Manager(centre.Id).GetAsync($"/courses/{course.Id}")).StatusCode); // the centre's own manager keeps it

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        var events = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(".CentreAssociationChanged,")).ToListAsync())
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Where(e => e.GetProperty("centreId").GetGuid() == centre.Id)
            .OrderBy(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(association.Id, events[0].GetProperty("associationId").GetGuid());
        Assert.Equal(JsonValueKind.Null, events[1].GetProperty("associationId").ValueKind);
    }

    [Fact]
    public async Task When_operators_keep_associations_Should_list_edit_and_refuse_a_second_registration_number()
    {
        var association = await NewAssociationAsync();
        var centre = await app.NewCentreAsync();
        await AssignAsync(centre.Id, association.Id);
        await AssignAsync(centre.Id, association.Id); // the same again: no change, no second event

        var edited = await app.Operator().PutAsJsonAsync($"/associations/{association.Id}", AssociationRequest(association.RegistrationNumber, "Association Al Amal"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var duplicate = await app.Operator().PostAsJsonAsync("/associations", AssociationRequest(association.RegistrationNumber));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("association-exists", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var unknown = await app.Operator().PutAsJsonAsync($"/centres/{centre.Id}/association", new { associationId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var listed = await app.Operator().GetFromJsonAsync<Page<AssociationsApi.AssociationResponse>>("/associations?pageSize=100", Json);
        var row = listed!.Items.Single(a => a.Id == association.Id);
        Assert.Equal("Association Al Amal", row.NameFr);
        Assert.Equal("+212524437720", row.Phone);
        Assert.Equal(1, row.CentreCount);
        Assert.Equal(association.Id, (await app.CreateClient().GetFromJsonAsync<CentresApi.CentreResponse>($"/centres/{centre.Id}", Json))!.AssociationId);

        // Its manager reads its own association and is told another does not exist; a centre manager cannot register one.
        Assert.Equal(HttpStatusCode.OK, (await AssociationManager(association.Id).GetAsync($"/associations/{association.Id}")).StatusCode);
        var other = await NewAssociationAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await AssociationManager(association.Id).GetAsync($"/associations/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Manager(centre.Id).PostAsJsonAsync("/associations", AssociationRequest("KS-X-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AssociationManager(association.Id).PutAsJsonAsync($"/centres/{centre.Id}/association", new { associationId = (Guid?)null })).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        var told = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(".CentreAssociationChanged,")).ToListAsync())
            .Count(m => m.Payload.Contains(centre.Id.ToString()));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task When_an_association_request_breaks_the_rules_Should_answer_problem_details_and_register_nothing()
    {
        var before = (await app.Operator().GetFromJsonAsync<Page<AssociationsApi.AssociationResponse>>("/associations", Json))!.Total;
        var response = await app.Operator().PostAsJsonAsync("/associations", new { nameAr = "ج", nameFr = "", registrationNumber = "", contactName = "N", phone = "abc" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await app.Operator().GetFromJsonAsync<Page<AssociationsApi.AssociationResponse>>("/associations", Json))!.Total);
    }

    [Fact]
    public async Task When_the_demo_is_seeded_Should_have_the_partner_association_run_el_attaouia_s_two_centres()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoursesDbContext>();
        await DemoData.SeedAsync(db, CancellationToken.None);
        db.ChangeTracker.Clear();
        await DemoData.SeedAsync(db, CancellationToken.None);

        var association = await db.Associations.SingleAsync(a => a.Id == DemoIds.Of(DemoData.AssociationKey));
        var run = await db.Centres.Where(c => c.AssociationId == association.Id).ToListAsync();
        Assert.Equal(2, run.Count);
        Assert.All(run, c => Assert.Equal("El Attaouia", c.Commune));
    }
}
