using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Courses.Apis;
using Tadamon.Courses.Infrastructure;
using Tadamon.TestSupport;

namespace Tadamon.Courses.Tests;

/// <summary>The courses service in memory on its own database; helpers that each test uses to build its own data.</summary>
public sealed class CoursesFixture() : ServiceFactory<CoursesDbContext>("coursesdb")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static int _year = 2100;

    /// <summary>
    /// Publishes as another service would. Waits first for the health check (bus included): RabbitMQ drops a message
    /// published before the consumer's queue is bound.
    /// </summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        var client = CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health")).IsSuccessStatusCode, "courses to be healthy", TimeSpan.FromSeconds(60));
        await Services.GetRequiredService<MassTransit.IBus>().Publish(message, message.GetType()); // the runtime type, also when T is object
    }

    public async Task<bool> HandledAsync(Guid eventId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoursesDbContext>().Set<Tadamon.Messaging.InboxMessage>().AnyAsync(m => m.MessageId == eventId);
    }

    public HttpClient As(string user, string role, Guid? scope = null) => CreateClient().ActingAs(user, role, scope);

    public HttpClient Operator() => As("delegation-staff", "operator");
    public HttpClient Manager(Guid centreId) => As($"manager-{centreId:N}", "centre-manager", centreId);

    public async Task<CentresApi.CentreResponse> NewCentreAsync(string mode = "Hybrid")
    {
        var response = await Operator().PostAsJsonAsync("/centres", new
        {
            nameAr = "مركز التربية والتكوين بالعطاوية", nameFr = "Centre d'éducation et de formation d'El Attaouia",
            type = "EducationAndTraining", province = "Kelâat Es-Sraghna", commune = "El Attaouia",
            address = "Avenue Mohammed V, El Attaouia", phone = "+212524437711", mode,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CentresApi.CentreResponse>(Json))!;
    }

    public async Task<Guid> NewSeasonAsync()
    {
        var year = Interlocked.Increment(ref _year);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await Operator().PostAsJsonAsync("/seasons",
            new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-30), closesOn = today.AddDays(200) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SeasonsApi.SeasonResponse>(Json))!.Id;
    }

    public static object CourseRequest(Guid centreId, Guid seasonId, int capacity = 12) => new
    {
        centreId, seasonId, titleAr = "الخياطة والطرز", titleFr = "Couture et broderie",
        descriptionAr = "تعلم أساسيات الخياطة والطرز التقليدي.", descriptionFr = "Les bases de la couture et de la broderie.",
        minAge = 15, maxAge = 45, accessibilityServed = "EasyRead", capacity,
        scheduleAr = "الإثنين 9:00-12:00", scheduleFr = "Lundi 9h-12h",
        startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90),
    };

    /// <summary>A centre, a season and a draft course, created through the API as a manager would.</summary>
    public async Task<(HttpClient Manager, CourseDetails Course)> NewDraftCourseAsync(int capacity = 12)
    {
        var centre = await NewCentreAsync();
        var season = await NewSeasonAsync();
        var manager = Manager(centre.Id);
        var response = await manager.PostAsJsonAsync("/courses", CourseRequest(centre.Id, season, capacity));
        response.EnsureSuccessStatusCode();
        return (manager, (await response.Content.ReadFromJsonAsync<CourseDetails>(Json))!);
    }

    public static async Task<CourseDetails> AddModuleAsync(HttpClient manager, Guid courseId, string titleFr)
    {
        var response = await manager.PostAsJsonAsync($"/courses/{courseId}/modules", new { titleAr = "وحدة " + titleFr, titleFr });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CourseDetails>(Json))!;
    }

    public static async Task<CourseDetails> AddLessonAsync(HttpClient manager, Guid courseId, Guid moduleId, string titleFr, string content = "Texte", bool required = true)
    {
        var response = await manager.PostAsJsonAsync($"/courses/{courseId}/modules/{moduleId}/lessons", new
        {
            titleAr = "درس " + titleFr, titleFr, contentAr = "نص الدرس", contentFr = content,
            mediaUrl = "https://media.entraidekelaa.example/cours.mp4", estimatedMinutes = 20, required,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CourseDetails>(Json))!;
    }
}
