using System.Collections.Concurrent;
using System.Net;
using Tadamon.TestSupport;

namespace Tadamon.Resilience.Tests;

/// <summary>
/// Beneficiaries pre-registering for a season's courses at the demo centre, its manager approving most of them in
/// order (more than there are seats, so waiting lists form) and rejecting a few, and one seated person per course
/// withdrawing, which must promote the first on the list.
/// </summary>
public sealed class WindowFlow(ResilientPlatform platform, string run, int courses)
{
    public const int Capacity = 5;
    private const int Approved = 8;
    private static int _nextYear = 4000;
    private Gateway Api => platform.Gateway;

    public IReadOnlyList<Guid> Courses { get; private set; } = [];
    public ConcurrentBag<Guid> Submitted { get; } = [];
    public ConcurrentBag<Guid> ApprovedPreRegistrations { get; } = [];
    public int Attempted { get; private set; }

    public async Task PrepareAsync()
    {
        var centre = ResilientPlatform.DemoId("centre:vocational-kelaa");
        var year = Interlocked.Increment(ref _nextYear);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var season = await Api.SendAsync("create-season", Logins.Operator, HttpMethod.Post, "/api/courses/seasons",
            new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-1), closesOn = today.AddDays(60) });
        if (season?.Status != HttpStatusCode.Created) throw new InvalidOperationException($"season: {season?.Status} {season?.Body}");

        var created = new List<Guid>();
        for (var n = 0; n < courses; n++)
        {
            var course = await Api.SendAsync("create-course", Logins.CentreManager, HttpMethod.Post, "/api/courses/courses", new
            {
                centreId = centre, seasonId = season.Id, titleAr = $"الخياطة {n}", titleFr = $"Couture {run} {n}",
                descriptionAr = "تعلم الخياطة خطوة بخطوة.", descriptionFr = "Apprendre la couture pas à pas.",
                minAge = 16, maxAge = 60, accessibilityServed = "None", capacity = Capacity, scheduleAr = "الاثنين 9:00", scheduleFr = "Lundi 9h",
                startsOn = today.AddDays(70), endsOn = today.AddDays(150),
            });
            if (course?.Status != HttpStatusCode.Created) throw new InvalidOperationException($"course: {course?.Status} {course?.Body}");
            var module = await Api.SendAsync("add-module", Logins.CentreManager, HttpMethod.Post, $"/api/courses/courses/{course.Id}/modules",
                new { titleAr = "الأساسيات", titleFr = "Les bases" });
            var moduleId = module!.Body.GetProperty("modules")[0].GetProperty("id").GetGuid();
            await Api.SendAsync("add-lesson", Logins.CentreManager, HttpMethod.Post, $"/api/courses/courses/{course.Id}/modules/{moduleId}/lessons",
                new { titleAr = "الإبرة والخيط", titleFr = "L'aiguille et le fil", contentAr = "نص الدرس", contentFr = "Texte de la leçon", estimatedMinutes = 30, required = true });
            var published = await Api.SendAsync("publish-course", Logins.CentreManager, HttpMethod.Post, $"/api/courses/courses/{course.Id}/publish");
            if (published?.Ok != true) throw new InvalidOperationException($"publish: {published?.Status} {published?.Body}");
            created.Add(course.Id);
        }
        foreach (var course in created)
        {
            await Eventually.TrueAsync(async () => (await Api.TryOnceAsync("seats", Logins.Operator, HttpMethod.Get, $"/api/enrollment/courses/{course}/seats"))?.Ok == true,
                $"enrollment to know course {course}", TimeSpan.FromSeconds(60));
        }
        Courses = created;
    }

    /// <summary>Two courses at a time: everyone pre-registers, the manager decides in order, one seated person withdraws.</summary>
    public async Task RunAsync()
    {
        Attempted = Courses.Count * platform.Beneficiaries.Count;
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(Courses.Select(async course =>
        {
            await gate.WaitAsync();
            try { await CourseAsync(course); }
            finally { gate.Release(); }
        }));
    }

    private async Task CourseAsync(Guid course)
    {
        var applications = new List<(string Beneficiary, Guid PreRegistration)>();
        foreach (var beneficiary in platform.Beneficiaries)
        {
            var submitted = await Api.SendAsync("pre-register", beneficiary, HttpMethod.Post, "/api/enrollment/pre-registrations", new
            {
                courseId = course, fullName = $"Bénéficiaire {beneficiary[^4..]}", dateOfBirth = "1996-03-21", phone = beneficiary, accessibilityNeeds = "None",
            }, $"{run}-{course:N}-{beneficiary}");
            if (submitted?.Status != HttpStatusCode.Created) continue;
            Submitted.Add(submitted.Id);
            applications.Add((beneficiary, submitted.Id));
        }
        Guid? firstSeat = null;
        string? firstSeated = null;
        foreach (var (beneficiary, pre) in applications.Take(Approved))
        {
            var approved = await Api.SendAsync("approve", Logins.CentreManager, HttpMethod.Post, $"/api/enrollment/pre-registrations/{pre}/approve", new { });
            if (approved?.Ok != true) continue;
            ApprovedPreRegistrations.Add(pre);
            if (firstSeat is null && approved.Body.GetProperty("status").GetString() == "Seated") (firstSeat, firstSeated) = (approved.Id, beneficiary);
        }
        foreach (var (_, pre) in applications.Skip(Approved))
        {
            await Api.SendAsync("reject", Logins.CentreManager, HttpMethod.Post, $"/api/enrollment/pre-registrations/{pre}/reject", new { reason = "Dossier incomplet" });
        }
        if (firstSeat is { } seat)
        {
            await Api.SendAsync("withdraw", firstSeated!, HttpMethod.Post, $"/api/enrollment/enrollments/{seat}/withdraw");
        }
    }
}
