using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Tests;

public sealed class PreRegistrationRulesTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    [Theory]
    [InlineData(-60, -1)]  // the season's pre-registration closed yesterday
    [InlineData(3, 60)]    // it opens in three days
    public async Task When_the_season_is_not_open_Should_refuse_with_registration_closed(int opensInDays, int closesInDays)
    {
        var course = await app.NewCourseAsync(opensInDays: opensInDays, closesInDays: closesInDays);

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("registration-closed", await EnrollmentFixture.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task When_the_season_closes_today_Should_still_accept()
    {
        var course = await app.NewCourseAsync(opensInDays: -30, closesInDays: 0);

        await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId);
    }

    [Fact]
    public async Task When_the_course_was_archived_Should_refuse_new_pre_registrations()
    {
        var course = await app.NewCourseAsync();
        var archived = new Contracts.Courses.CourseArchived(course.CourseId);
        await app.PublishAsync(archived);
        await TestSupport.Eventually.TrueAsync(() => app.HandledAsync(archived.EventId), "the archive");

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("course-archived", await EnrollmentFixture.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task When_a_beneficiary_pre_registers_twice_Should_refuse_the_second_with_a_clear_problem_in_their_language()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();
        await EnrollmentFixture.PreRegisterAsync(beneficiary, course.CourseId);

        var again = new HttpRequestMessage(HttpMethod.Post, "/pre-registrations") { Content = JsonContent.Create(EnrollmentFixture.PreRegistration(course.CourseId)) };
        again.Headers.AcceptLanguage.ParseAdd("ar-MA");
        var response = await beneficiary.SendAsync(again);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("duplicate-pre-registration", problem.GetProperty("code").GetString());
        Assert.Equal("لديكم تسجيل قبلي جار في هذه الدورة.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task When_duplicates_arrive_at_the_same_instant_Should_accept_exactly_one()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => beneficiary.PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task When_a_submission_is_retried_with_its_idempotency_key_Should_answer_the_first_pre_registration_again()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Submission()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/pre-registrations") { Content = JsonContent.Create(EnrollmentFixture.PreRegistration(course.CourseId)) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => beneficiary.SendAsync(Submission())));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<PreRegistrationResponse>(EnrollmentFixture.Json))!.Id));
        Assert.Single(ids.Distinct());
        var withoutKey = await beneficiary.PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
    }

    [Fact]
    public async Task When_a_beneficiary_withdrew_Should_accept_a_new_pre_registration()
    {
        var course = await app.NewCourseAsync();
        var (beneficiary, enrollment) = await app.SeatedAsync(course);
        (await beneficiary.PostAsync($"/enrollments/{enrollment.Id}/withdraw", null)).EnsureSuccessStatusCode();

        await EnrollmentFixture.PreRegisterAsync(beneficiary, course.CourseId);
    }

    [Theory]
    [InlineData("0512345678", "Phone")]        // a landline
    [InlineData("06123", "Phone")]             // too short
    [InlineData("+33612345678", "Phone")]      // not Moroccan
    public async Task When_the_phone_is_not_a_Moroccan_mobile_Should_answer_a_validation_problem(string phone, string field)
    {
        var course = await app.NewCourseAsync();

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId, phone: phone));

        await AssertValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("+212 6 61 23 45 67")]
    [InlineData("00212712345678")]
    [InlineData("07-12-34-56-78")]
    public async Task When_the_phone_is_a_Moroccan_mobile_written_any_usual_way_Should_store_it_normalised(string phone)
    {
        var course = await app.NewCourseAsync();

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId, phone: phone));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches(@"^\+212[67]\d{8}$", (await response.Content.ReadFromJsonAsync<PreRegistrationResponse>(EnrollmentFixture.Json))!.Phone);
    }

    [Fact]
    public async Task When_a_minor_comes_without_a_guardian_Should_answer_a_validation_problem_naming_the_guardian()
    {
        var course = await app.NewCourseAsync(minAge: 3, maxAge: 17);
        var child = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10).ToString("yyyy-MM-dd");

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId, "Yassine", child));
        await AssertValidationProblemAsync(response, "GuardianName");

        var withGuardian = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", new
        {
            courseId = course.CourseId, fullName = "Yassine Ouchen", dateOfBirth = child, phone = "0612345678",
            guardianName = "Abdellah Ouchen", guardianPhone = "0698765432", accessibilityNeeds = "EasyRead, Audio",
        });
        Assert.Equal(HttpStatusCode.Created, withGuardian.StatusCode);
    }

    [Fact]
    public async Task When_required_fields_are_missing_Should_answer_a_validation_problem_per_field()
    {
        var course = await app.NewCourseAsync();

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations",
            new { courseId = course.CourseId, fullName = "", dateOfBirth = "1990-01-01", phone = "" });

        await AssertValidationProblemAsync(response, "FullName");
    }

    [Fact]
    public async Task When_the_beneficiary_is_outside_the_course_audience_Should_refuse_with_a_conflict()
    {
        var course = await app.NewCourseAsync(minAge: 3, maxAge: 6);

        var response = await app.Beneficiary().PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("age-outside-audience", await EnrollmentFixture.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task When_someone_else_decides_Should_be_refused_and_another_centre_should_not_even_see_the_applicant()
    {
        var course = await app.NewCourseAsync();
        var pre = await EnrollmentFixture.PreRegisterAsync(app.Beneficiary(), course.CourseId);

        var otherCentre = await app.Manager(Guid.NewGuid()).PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { });
        var beneficiary = await app.Beneficiary().PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { });
        var anonymous = await app.CreateClient().PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { });

        Assert.Equal(HttpStatusCode.NotFound, otherCentre.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, beneficiary.StatusCode); // a role that never decides: refused before any lookup
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, (await app.SeatsAsync(course.CourseId)).SeatsTaken);
    }

    [Fact]
    public async Task When_a_rejected_pre_registration_is_approved_Should_refuse_as_already_decided()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();
        var pre = await EnrollmentFixture.PreRegisterAsync(beneficiary, course.CourseId);
        var manager = app.Manager(course.CentreId);
        (await manager.PostAsJsonAsync($"/pre-registrations/{pre.Id}/reject", new { reason = "Dossier incomplet" })).EnsureSuccessStatusCode();

        var response = await manager.PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("already-decided", await EnrollmentFixture.ProblemCodeAsync(response));
        Assert.Contains("Dossier incomplet", await beneficiary.GetStringAsync("/me/notifications"));
    }

    [Fact]
    public async Task When_information_is_requested_and_answered_Should_return_to_review_and_then_be_approvable()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();
        var pre = await EnrollmentFixture.PreRegisterAsync(beneficiary, course.CourseId);
        var manager = app.Manager(course.CentreId);

        (await manager.PostAsJsonAsync($"/pre-registrations/{pre.Id}/request-information", new { message = "Merci d'indiquer votre niveau scolaire." }))
            .EnsureSuccessStatusCode();
        (await beneficiary.PostAsJsonAsync($"/pre-registrations/{pre.Id}/reply", new { message = "Niveau primaire." })).EnsureSuccessStatusCode();
        var enrollment = await EnrollmentFixture.ApproveAsync(manager, pre.Id);

        Assert.Equal(EnrollmentStatus.Seated, enrollment.Status);
        var review = await manager.GetFromJsonAsync<Page<PreRegistrationResponse>>($"/pre-registrations?courseId={course.CourseId}&status=Approved", EnrollmentFixture.Json);
        Assert.Equal("Niveau primaire.", review!.Items.Single().InformationReply);
    }

    [Fact]
    public async Task When_someone_pre_registers_with_a_centre_Should_be_placed_in_the_course_the_manager_chooses()
    {
        var course = await app.NewCourseAsync();
        var beneficiary = app.Beneficiary();
        var response = await beneficiary.PostAsJsonAsync("/pre-registrations",
            new { centreId = course.CentreId, fullName = "Zineb Ait Brahim", dateOfBirth = "2001-02-03", phone = "0661234567" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pre = (await response.Content.ReadFromJsonAsync<PreRegistrationResponse>(EnrollmentFixture.Json))!;
        var manager = app.Manager(course.CentreId);

        var withoutCourse = await manager.PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { });
        var placed = await manager.PostAsJsonAsync($"/pre-registrations/{pre.Id}/approve", new { courseId = course.CourseId });

        Assert.Equal(HttpStatusCode.BadRequest, withoutCourse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal(course.CourseId, (await placed.Content.ReadFromJsonAsync<EnrollmentResponse>(EnrollmentFixture.Json))!.CourseId);
        // Now placed, a pre-registration for that very course is a duplicate.
        var again = await beneficiary.PostAsJsonAsync("/pre-registrations", EnrollmentFixture.PreRegistration(course.CourseId));
        Assert.Equal("duplicate-pre-registration", await EnrollmentFixture.ProblemCodeAsync(again));
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), $"no error for {field}: {errors}");
    }
}
