using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

/// <summary>
/// The enrollment service in memory on its own database and broker vhost. Courses arrive the way they do in
/// production: as events on the bus, handled by the service's own consumers.
/// </summary>
public sealed class EnrollmentFixture() : ServiceFactory<EnrollmentDbContext>("enrollmentdb")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient As(string user, string role, Guid? scope = null) => CreateClient().ActingAs(user, role, scope);

    public HttpClient Beneficiary(string? id = null) => As(id ?? $"b-{Guid.NewGuid():N}", "beneficiary");
    public HttpClient Manager(Guid centreId) => As($"manager-{centreId:N}", "centre-manager", centreId);
    public HttpClient AssociationManager(Guid associationId) => As($"association-{associationId:N}", "association-manager", associationId);

    private Task? _ready;

    public async Task PublishAsync<T>(T message) where T : class
    {
        await (_ready ??= WaitUntilHealthyAsync());
        await Services.GetRequiredService<IBus>().Publish(message);
    }

    /// <summary>
    /// A message published before the service's queues are bound to their exchanges is dropped by RabbitMQ:
    /// wait for the health check, which includes the bus and its receive endpoints.
    /// </summary>
    private async Task WaitUntilHealthyAsync()
    {
        var client = CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health")).IsSuccessStatusCode, "the service and its bus to be healthy", TimeSpan.FromSeconds(60));
    }

    /// <summary>True once a consumer of this service has handled the event (its inbox holds the id).</summary>
    public async Task<bool> HandledAsync(Guid eventId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        return await db.Set<Tadamon.Messaging.InboxMessage>().AnyAsync(m => m.MessageId == eventId);
    }

    public static IReadOnlyList<OutlineLesson> Outline(params (int Module, bool Required)[] lessons)
    {
        var modules = lessons.Select(l => l.Module).Distinct().ToDictionary(m => m, _ => Guid.NewGuid());
        var position = new Dictionary<int, int>();
        return lessons.Select((l, i) =>
        {
            position[l.Module] = position.GetValueOrDefault(l.Module) + 1;
            return new OutlineLesson(Guid.NewGuid(), modules[l.Module], l.Module, position[l.Module], $"درس {i + 1}", $"Leçon {i + 1}", l.Required);
        }).ToList();
    }

    /// <summary>Publishes a course the way courses does and waits until enrollment knows it.</summary>
    public async Task<CoursePublished> NewCourseAsync(
        int capacity = 5, int opensInDays = -10, int closesInDays = 60, int minAge = 15, int maxAge = 60,
        string mode = "PartlyInPerson", int liveAttendancePercent = 0, IReadOnlyList<OutlineLesson>? outline = null, Guid? centreId = null)
    {
        // The service's today is Morocco's (MoroccoTime): from 23:00 UTC it is already tomorrow there.
        var today = TimeProvider.System.Today();
        var course = new CoursePublished(Guid.NewGuid(), centreId ?? Guid.NewGuid(), "الخياطة والطرز", "Couture et broderie",
            "مركز التدرج المهني بقلعة السراغنة", "Centre de formation par apprentissage de Kelâat Es-Sraghna", mode, capacity, minAge, maxAge,
            today.AddDays(opensInDays), today.AddDays(closesInDays), liveAttendancePercent, outline ?? Outline((1, true), (1, true), (2, true)));
        await PublishAsync(course);
        var anonymous = CreateClient();
        await Eventually.TrueAsync(async () => (await anonymous.GetAsync($"/courses/{course.CourseId}/seats")).StatusCode == HttpStatusCode.OK,
            "enrollment to learn of the published course");
        return course;
    }

    public static object PreRegistration(Guid courseId, string name = "Fatima Zahra Ait Lahcen", string dateOfBirth = "1996-04-12", string phone = "0612345678") =>
        new { courseId, fullName = name, dateOfBirth, phone, accessibilityNeeds = "None" };

    public static async Task<PreRegistrationResponse> PreRegisterAsync(HttpClient beneficiary, Guid courseId, string name = "Fatima Zahra Ait Lahcen")
    {
        var response = await beneficiary.PostAsJsonAsync("/pre-registrations", PreRegistration(courseId, name));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PreRegistrationResponse>(Json))!;
    }

    public static async Task<EnrollmentResponse> ApproveAsync(HttpClient manager, Guid preRegistrationId)
    {
        var response = await manager.PostAsJsonAsync($"/pre-registrations/{preRegistrationId}/approve", new { });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EnrollmentResponse>(Json))!;
    }

    public async Task<SeatsResponse> SeatsAsync(Guid courseId) =>
        (await CreateClient().GetFromJsonAsync<SeatsResponse>($"/courses/{courseId}/seats", Json))!;

    /// <summary>A beneficiary with a seat on the course (the course must have one free).</summary>
    public async Task<(HttpClient Beneficiary, EnrollmentResponse Enrollment)> SeatedAsync(CoursePublished course, string name = "Fatima Zahra Ait Lahcen")
    {
        var beneficiary = Beneficiary();
        var pre = await PreRegisterAsync(beneficiary, course.CourseId, name);
        var enrollment = await ApproveAsync(Manager(course.CentreId), pre.Id);
        Assert.Equal(Model.EnrollmentStatus.Seated, enrollment.Status);
        return (beneficiary, enrollment);
    }

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;
}
