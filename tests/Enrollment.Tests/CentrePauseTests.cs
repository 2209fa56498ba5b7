using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.Model;
using Tadamon.TestSupport;

namespace Tadamon.Enrollment.Tests;

/// <summary>
/// Courses' <see cref="CentresPaused"/> and <see cref="CentresResumed"/>, through the broker: a banner for each paused
/// centre while pre-registration stays open, and one notice per person concerned, however often the news arrives.
/// </summary>
public sealed class CentrePauseTests(EnrollmentFixture app) : IClassFixture<EnrollmentFixture>
{
    private async Task DeliverAsync<T>(T message) where T : Contracts.IntegrationEvent
    {
        await app.PublishAsync(message);
        await Eventually.TrueAsync(() => app.HandledAsync(message.EventId), $"enrollment to handle {typeof(T).Name}");
    }

    private static async Task<List<NotificationsApi.NotificationResponse>> NoticesAsync(HttpClient person, NotificationKind kind) =>
        (await person.GetFromJsonAsync<Page<NotificationsApi.NotificationResponse>>("/me/notifications?pageSize=100", EnrollmentFixture.Json))!
            .Items.Where(n => n.Kind == kind).ToList();

    [Fact]
    public async Task When_a_pause_is_delivered_twice_and_resumed_twice_Each_person_concerned_Should_be_told_once_each_time()
    {
        var centre = Guid.NewGuid();
        var remote = await app.NewCourseAsync(centreId: centre, mode: "PartlyInPerson");
        var stopped = await app.NewCourseAsync(centreId: centre, mode: "InPerson");
        var elsewhere = await app.NewCourseAsync();
        var (seated, _) = await app.SeatedAsync(remote);
        var waitingForDecision = app.Beneficiary();
        await EnrollmentFixture.PreRegisterAsync(waitingForDecision, stopped.CourseId);
        var (unconcerned, _) = await app.SeatedAsync(elsewhere);

        var from = DateOnly.FromDateTime(DateTime.UtcNow);
        var paused = new CentresPaused(Guid.NewGuid(), "تعليق الأنشطة الحضورية بسبب الفيضانات.", "Suspension en raison des inondations.", from, null,
            [new PausedCentre(centre, "مركز التدرج المهني بقلعة السراغنة", "Centre de formation par apprentissage de Kelâat Es-Sraghna")],
            [new PausedCourse(remote.CourseId, centre, remote.TitleAr, remote.TitleFr, "PartlyInPerson", "Remote", []),
             new PausedCourse(stopped.CourseId, centre, stopped.TitleAr, stopped.TitleFr, "InPerson", "InPerson", [Guid.NewGuid()])]);
        await DeliverAsync(paused);
        await DeliverAsync(paused); // the same message again: the inbox drops it
        await DeliverAsync(paused with { EventId = Guid.NewGuid() }); // the same pause, published anew: the banners say it is known

        var toSeated = Assert.Single(await NoticesAsync(seated, NotificationKind.CentrePaused));
        Assert.Contains("continue à distance", toSeated.TextFr);
        Assert.Contains("تستمر عن بعد", toSeated.TextAr);
        Assert.Contains("jusqu'à nouvel ordre", toSeated.TextFr);
        Assert.Equal(remote.CourseId, toSeated.CourseId);
        var toApplicant = Assert.Single(await NoticesAsync(waitingForDecision, NotificationKind.CentrePaused));
        Assert.Contains("interrompu", toApplicant.TextFr);
        Assert.Contains("classes en direct de la période sont annulées", toApplicant.TextFr);
        Assert.Empty(await NoticesAsync(unconcerned, NotificationKind.CentrePaused));

        // The banner beside the centre's pre-registration, which stays open; and in the people's own space.
        var banner = await app.CreateClient().GetAsync($"/centres/{centre}/pause-banner");
        Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
        Assert.Equal(paused.PauseId, (await banner.Content.ReadFromJsonAsync<CentrePauseBannersApi.PauseBannerResponse>(EnrollmentFixture.Json))!.PauseId);
        Assert.True((await app.SeatsAsync(stopped.CourseId)).OpenForRegistration);
        var mine = (await seated.GetFromJsonAsync<CentrePauseBannersApi.PauseBannerResponse[]>("/me/centre-pauses", EnrollmentFixture.Json))!;
        Assert.Equal(centre, Assert.Single(mine).CentreId);
        Assert.Empty((await unconcerned.GetFromJsonAsync<CentrePauseBannersApi.PauseBannerResponse[]>("/me/centre-pauses", EnrollmentFixture.Json))!);

        var resumed = new CentresResumed(paused.PauseId, [centre],
            [new ResumedCourse(remote.CourseId, "PartlyInPerson", true), new ResumedCourse(stopped.CourseId, "InPerson", true)]);
        await DeliverAsync(resumed);
        await DeliverAsync(resumed with { EventId = Guid.NewGuid() });

        var back = Assert.Single(await NoticesAsync(seated, NotificationKind.CentreResumed));
        Assert.Contains("reprend en partie en présentiel", back.TextFr);
        Assert.Single(await NoticesAsync(waitingForDecision, NotificationKind.CentreResumed));
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().GetAsync($"/centres/{centre}/pause-banner")).StatusCode);
        Assert.Empty((await seated.GetFromJsonAsync<CentrePauseBannersApi.PauseBannerResponse[]>("/me/centre-pauses", EnrollmentFixture.Json))!);
    }
}
