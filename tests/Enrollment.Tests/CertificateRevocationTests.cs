using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Contracts.Courses;
using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Tests;

public sealed class CertificateRevocationTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    private static readonly JsonSerializerOptions Json = EnrollmentFixture.Json;

    /// <summary>A beneficiary seated on a new course of the given centre who completes it: the certificate's code.</summary>
    private async Task<(CoursePublished Course, string BeneficiaryId, string Code)> CertifiedAsync(Guid? centreId = null)
    {
        var outline = EnrollmentFixture.Outline((1, true));
        var course = await app.NewCourseAsync(outline: outline, centreId: centreId);
        var beneficiaryId = $"b-{Guid.NewGuid():N}";
        var beneficiary = app.Beneficiary(beneficiaryId);
        var pre = await EnrollmentFixture.PreRegisterAsync(beneficiary, course.CourseId);
        var enrollment = await EnrollmentFixture.ApproveAsync(app.Manager(course.CentreId), pre.Id);
        var done = await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/lessons/{outline[0].LessonId}/complete", null);
        done.EnsureSuccessStatusCode();
        var code = (await done.Content.ReadFromJsonAsync<LearningApi.ProgressResponse>(Json))!.CertificateCode!;
        return (course, beneficiaryId, code);
    }

    private async Task<List<T>> OutboxAsync<T>() where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        var name = typeof(T).FullName!;
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.StartsWith(name + ",")).ToListAsync();
        return rows.Select(r => JsonSerializer.Deserialize<T>(r.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
    }

    [Fact]
    public async Task When_a_course_is_completed_Should_publish_the_certificate_with_its_beneficiary_and_titles()
    {
        var (course, beneficiaryId, code) = await CertifiedAsync();

        var issued = (await OutboxAsync<CertificateIssued>()).Single(e => e.CertificateCode == code);
        Assert.Equal((beneficiaryId, course.CourseId, course.TitleAr, course.TitleFr), (issued.BeneficiaryId, issued.CourseId, issued.CourseTitleAr, issued.CourseTitleFr));
    }

    [Fact]
    public async Task When_the_centre_revokes_a_certificate_Should_verify_as_revoked_and_publish_it_once()
    {
        var (course, beneficiaryId, code) = await CertifiedAsync();
        var manager = app.Manager(course.CentreId);

        var revoked = await manager.PostAsJsonAsync($"/certificates/{code.ToLowerInvariant()}/revoke", new { reason = "Attestation délivrée par erreur" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        var check = await app.CreateClient().GetFromJsonAsync<CertificatesApi.CertificateResponse>($"/certificates/{code}", Json);
        Assert.False(check!.Valid);
        Assert.Equal("Attestation délivrée par erreur", check.RevocationReason);
        Assert.NotNull(check.RevokedAt);

        var again = await manager.PostAsJsonAsync($"/certificates/{code}/revoke", new { reason = "Une deuxième fois" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("certificate-already-revoked", await EnrollmentFixture.ProblemCodeAsync(again));

        var events = (await OutboxAsync<CertificateRevoked>()).Where(e => e.CertificateCode == code).ToList();
        var only = Assert.Single(events);
        Assert.Equal((beneficiaryId, course.CourseId, "Attestation délivrée par erreur"), (only.BeneficiaryId, only.CourseId, only.Reason));
    }

    [Fact]
    public async Task When_someone_else_tries_to_revoke_Should_refuse_and_change_nothing()
    {
        var (_, beneficiaryId, code) = await CertifiedAsync();

        var otherCentre = await app.Manager(Guid.NewGuid()).PostAsJsonAsync($"/certificates/{code}/revoke", new { reason = "Pas mon centre" });
        Assert.Equal(HttpStatusCode.Forbidden, otherCentre.StatusCode);
        var holder = await app.Beneficiary(beneficiaryId).PostAsJsonAsync($"/certificates/{code}/revoke", new { reason = "Je n'en veux plus" });
        Assert.Equal(HttpStatusCode.Forbidden, holder.StatusCode);
        var operatorNoReason = await app.As("operator-1", "operator").PostAsJsonAsync($"/certificates/{code}/revoke", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, operatorNoReason.StatusCode);
        var unknown = await app.As("operator-1", "operator").PostAsJsonAsync("/certificates/AAAA-BBBB-CCCC/revoke", new { reason = "Code inconnu" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var check = await app.CreateClient().GetFromJsonAsync<CertificatesApi.CertificateResponse>($"/certificates/{code}", Json);
        Assert.True(check!.Valid);
        Assert.DoesNotContain(await OutboxAsync<CertificateRevoked>(), e => e.CertificateCode == code);
    }
}
