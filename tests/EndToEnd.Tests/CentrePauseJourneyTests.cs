using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// A commune's centres paused and resumed through the gateway: courses switches the course to remote, enrollment
/// hears it through the broker, shows the banner and tells the seated beneficiary; resuming undoes it and says so.
/// </summary>
[Collection("platform")]
public sealed class CentrePauseJourneyTests(PlatformFixture platform)
{
    private sealed record Who(string User, string Role, Guid? Scope = null);

    private static readonly Who Delegation = new("delegation-kelaa", "operator");

    [Fact]
    public async Task When_an_operator_pauses_a_commune_and_resumes_it_Should_switch_the_course_and_tell_its_beneficiary_each_time()
    {
        var commune = $"Sidi Rahal {Guid.NewGuid():N}"[..28];
        var centre = await CreatedAsync("/api/courses/centres", Delegation, new
        {
            nameAr = "مركز التربية والتكوين بسيدي رحال", nameFr = "Centre d'éducation et de formation de Sidi Rahal", type = "EducationAndTraining",
            province = "Kelâat Es-Sraghna", commune, address = "Centre social, Sidi Rahal", phone = "+212524452210", mode = "Hybrid",
        });
        var manager = new Who($"manager-{centre:N}", "centre-manager", centre);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = 4000 + Random.Shared.Next(0, 5000);
        var season = await CreatedAsync("/api/courses/seasons", Delegation, new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-1), closesOn = today.AddDays(120) });
        var course = await CreatedAsync("/api/courses/courses", manager, new
        {
            centreId = centre, seasonId = season, titleAr = "الخياطة والطرز", titleFr = "Couture et broderie",
            descriptionAr = "أساسيات الخياطة.", descriptionFr = "Les bases de la couture.", minAge = 15, maxAge = 60, accessibilityServed = "None",
            capacity = 10, scheduleAr = "الإثنين 9:00-12:00", scheduleFr = "Lundi 9h-12h", startsOn = today.AddDays(7), endsOn = today.AddDays(90),
        });
        var module = await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules", manager, new { titleAr = "الأدوات", titleFr = "Les outils" });
        var moduleId = (await module.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("modules")[0].GetProperty("id").GetGuid();
        await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules/{moduleId}/lessons", manager,
            new { titleAr = "آلة الخياطة", titleFr = "La machine à coudre", contentAr = "نص", contentFr = "Texte", estimatedMinutes = 20, required = true });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/publish", manager)).StatusCode);
        await UntilAsync(() => platform.Gateway.GetAsync($"/api/enrollment/courses/{course}/seats"), r => r.StatusCode == HttpStatusCode.OK, "enrollment to know the course");
        var beneficiary = new Who($"beneficiary-{Guid.NewGuid():N}", "beneficiary");
        var pre = await CreatedAsync("/api/enrollment/pre-registrations", beneficiary,
            new { courseId = course, fullName = "Khadija Ait Lahcen", dateOfBirth = "1995-02-11", phone = "0612345678", accessibilityNeeds = "None" });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{pre}/approve", manager, new { })).StatusCode);

        var body = new
        {
            scope = "Commune", commune, from = today, until = (DateOnly?)null,
            reasonAr = "تعليق الأنشطة الحضورية بسبب الفيضانات.", reasonFr = "Activités en présentiel suspendues en raison des inondations.",
        };
        var preview = await (await SendAsync(HttpMethod.Post, "/api/courses/centre-pauses/preview", Delegation, body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(centre, preview.GetProperty("centres").EnumerateArray().Single().GetProperty("id").GetGuid());
        var key = Guid.NewGuid().ToString();
        var made = await SendAsync(HttpMethod.Post, "/api/courses/centre-pauses", Delegation, body, key);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/courses/centre-pauses", Delegation, body, key)).StatusCode); // a retry
        var pause = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var during = await (await SendAsync(HttpMethod.Get, $"/api/courses/courses/{course}", manager)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Remote", during.GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.GetAsync($"/api/courses/centres/{centre}/pause")).StatusCode);
        await UntilAsync(() => platform.Gateway.GetAsync($"/api/enrollment/centres/{centre}/pause-banner"), r => r.StatusCode == HttpStatusCode.OK, "the banner");
        var told = await UntilAsync(() => SendAsync(HttpMethod.Get, "/api/enrollment/me/notifications", beneficiary),
            async r => (await r.Content.ReadAsStringAsync()).Contains("CentrePaused"), "the beneficiary to be told of the pause");
        var notices = (await told.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Single(notices, n => n.GetProperty("kind").GetString() == "CentrePaused");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/courses/centre-pauses/{pause}/resume", Delegation)).StatusCode);
        var after = await (await SendAsync(HttpMethod.Get, $"/api/courses/courses/{course}", manager)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Hybrid", after.GetProperty("mode").GetString());
        await UntilAsync(() => SendAsync(HttpMethod.Get, "/api/enrollment/me/notifications", beneficiary),
            async r => (await r.Content.ReadAsStringAsync()).Contains("CentreResumed"), "the beneficiary to be told of the resumption");
        Assert.Equal(HttpStatusCode.NoContent, (await platform.Gateway.GetAsync($"/api/enrollment/centres/{centre}/pause-banner")).StatusCode);
    }

    private async Task<Guid> CreatedAsync(string url, Who who, object body)
    {
        var response = await SendAsync(HttpMethod.Post, url, who, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Who who, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url).As(await platform.Accounts.ForAsync(who.User, who.Role, who.Scope));
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await platform.Gateway.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await call();
            if (await done(response)) return response;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}: last answer {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    private static Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> done, string what) =>
        UntilAsync(call, r => Task.FromResult(done(r)), what);
}
