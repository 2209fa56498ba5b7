using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Tadamon.Bench;

/// <summary>
/// Scenario 3: registration opens and many beneficiaries pre-register for a handful of popular courses of the demo
/// centre while its manager approves them, one course per manager session. Approval seats people while seats are
/// free and wait-lists the rest; afterwards the enrollment database must show no course with more people seated
/// than it has seats, and seat counts that match the seated rows.
/// </summary>
public sealed class PreRegistrationRush(Platform platform, Database enrollment)
{
    public const string Title = "Pre-registration rush";
    private const int CoursesPerBeneficiary = 2;
    private Guid[] _courses = [];
    private string[] _beneficiaries = [];
    private string _manager = "";
    private readonly ConcurrentDictionary<Guid, long> _submittedAt = new();

    public async Task PrepareAsync(int courses, int capacity, int beneficiaries, string run)
    {
        var operatorToken = await platform.LoginAsync("operateur@tadamon.ma");
        _manager = await platform.LoginAsync("centre@tadamon.ma");
        var centre = Guid.Parse(Platform.Claim(_manager, "tadamon_scope")!);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = Random.Shared.Next(3000, 9000); // season labels are unique
        var season = (await platform.RequireAsync(HttpMethod.Post, "/api/courses/seasons", operatorToken,
            new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-1), closesOn = today.AddDays(120) })).GetProperty("id").GetGuid();
        _courses = new Guid[courses];
        for (var c = 0; c < courses; c++) _courses[c] = await PublishedCourseAsync(centre, season, capacity, c, today);
        foreach (var course in _courses)
            await Platform.UntilAsync(async () =>
            {
                using var seats = await platform.SendAsync(HttpMethod.Get, $"/api/enrollment/courses/{course}/seats", null);
                return seats.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(60), "enrollment to learn of the bench's courses");
        var started = Stopwatch.StartNew();
        _beneficiaries = await platform.RegisterManyAsync(beneficiaries, "beneficiary", run);
        Console.WriteLine($"pre-registration: {beneficiaries} beneficiaries registered and logged in after {started.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<Guid> PublishedCourseAsync(Guid centre, Guid season, int capacity, int number, DateOnly today)
    {
        var course = (await platform.RequireAsync(HttpMethod.Post, "/api/courses/courses", _manager, new
        {
            centreId = centre, seasonId = season, titleAr = $"دورة الخياطة {number + 1}", titleFr = $"Couture, groupe {number + 1}",
            descriptionAr = "تعلم أساسيات الخياطة والطرز التقليدي.", descriptionFr = "Les bases de la couture et de la broderie.",
            minAge = 15, maxAge = 60, accessibilityServed = "None", capacity, scheduleAr = "الإثنين 9:00-12:00", scheduleFr = "Lundi 9h-12h",
            startsOn = today.AddDays(30), endsOn = today.AddDays(120),
        })).GetProperty("id").GetGuid();
        var outline = await platform.RequireAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules", _manager,
            new { titleAr = "الأدوات", titleFr = "Les outils" });
        var module = outline.GetProperty("modules")[0].GetProperty("id").GetGuid();
        await platform.RequireAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules/{module}/lessons", _manager,
            new { titleAr = "الإبرة والخيط", titleFr = "L'aiguille et le fil", contentAr = "نص الدرس", contentFr = "Texte de la leçon", estimatedMinutes = 30, required = true });
        await platform.RequireAsync(HttpMethod.Post, $"/api/courses/courses/{course}/publish", _manager);
        return course;
    }

    public async Task<Section> RunAsync(int concurrency)
    {
        var pairs = Enumerable.Range(0, _beneficiaries.Length)
            .SelectMany(b => Enumerable.Range(0, CoursesPerBeneficiary).Select(j => (Beneficiary: b, Course: _courses[(b + j) % _courses.Length])))
            .OrderBy(_ => Random.Shared.Next()).ToArray();
        // On a busy machine the sign-ups can outlast the manager's 15-minute access token: approve with a fresh one.
        _manager = await platform.LoginAsync("centre@tadamon.ma");
        var before = Processes.Read();
        var rushing = true;
        var approvals = new ConcurrentBag<(double CallMs, double SinceSubmitMs)>();
        var approveErrors = 0;
        var failures = new ConcurrentDictionary<Guid, int>();
        var managers = _courses.Select(course => Task.Run(async () =>
        {
            while (true)
            {
                var wasRushing = Volatile.Read(ref rushing);
                var page = await platform.RequireAsync(HttpMethod.Get,
                    $"/api/enrollment/pre-registrations?courseId={course}&status=Submitted&pageSize=100", _manager);
                // One that keeps failing is left for the report rather than retried for ever.
                var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())
                    .Where(id => failures.GetValueOrDefault(id) < 3).ToList();
                if (ids.Count == 0 && !wasRushing) return;
                if (ids.Count == 0) { await Task.Delay(50); continue; }
                foreach (var id in ids)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    using var approved = await platform.SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{id}/approve", _manager, new { });
                    var now = Stopwatch.GetTimestamp();
                    if (!approved.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref approveErrors);
                        failures.AddOrUpdate(id, 1, (_, n) => n + 1);
                        continue;
                    }
                    var since = _submittedAt.TryGetValue(id, out var at) ? Stopwatch.GetElapsedTime(at, now).TotalMilliseconds : double.NaN;
                    approvals.Add((Stopwatch.GetElapsedTime(t0, now).TotalMilliseconds, since));
                }
            }
        })).ToList();

        var rush = await Load.RunCountAsync($"{concurrency} beneficiaries at once", concurrency, pairs.Length, async (i, ct) =>
        {
            var (beneficiary, course) = pairs[i];
            var body = new { courseId = course, fullName = $"Bénéficiaire {beneficiary}", dateOfBirth = "1994-09-14", phone = "0661234567", accessibilityNeeds = "None" };
            using var response = await platform.SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", _beneficiaries[beneficiary], body, ct: ct);
            if (response.StatusCode != HttpStatusCode.Created) return false;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            _submittedAt[json.RootElement.GetProperty("id").GetGuid()] = Stopwatch.GetTimestamp();
            return true;
        });
        Volatile.Write(ref rushing, false);
        await Task.WhenAll(managers);
        var after = Processes.Read();

        var decisionCall = Latencies.Of(approvals.Select(a => a.CallMs));
        var decided = Latencies.Of(approvals.Select(a => a.SinceSubmitMs).Where(ms => !double.IsNaN(ms)));
        var breaches = await CapacityBreachesAsync();
        Console.WriteLine($"pre-registration: {rush.OkPerSecond:F0} accepted/s p99 {rush.P99Ms:F1} ms errors {rush.Errors}; "
            + $"{approvals.Count} approvals p99 {decisionCall.P99Ms:F1} ms; capacity breaches: {breaches.Count}");

        var md = new System.Text.StringBuilder();
        md.AppendLine("| pre-registrations (beneficiaries × courses) | accepted/s | submit p50 / p95 / p99 (ms) | errors | approvals | approve call p50 / p99 (ms) | submitted → approved p50 / p99 (ms) | courses over capacity | target |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        md.AppendLine($"| {pairs.Length} ({_beneficiaries.Length} × {CoursesPerBeneficiary} of {_courses.Length}) | {rush.OkPerSecond:F0} "
            + $"| {rush.P50Ms:F1} / {rush.P95Ms:F1} / {rush.P99Ms:F1} | {rush.Errors + approveErrors} | {approvals.Count} "
            + $"| {decisionCall.P50Ms:F1} / {decisionCall.P99Ms:F1} | {decided.P50Ms:F0} / {decided.P99Ms:F0} "
            + $"| **{breaches.Count}**{(breaches.Count > 0 ? " (" + string.Join("; ", breaches) + ")" : "")} | ≥ 500/s accepted, no capacity breach |");
        md.AppendLine();
        md.AppendLine($"{concurrency} beneficiaries submit at once (each with their own token); meanwhile the centre manager approves, "
            + $"one session per course, oldest first, so approvals of one course go one at a time (the course's seat row is locked). "
            + "Capacity is checked in enrollment's database after the rush: seated rows per course against its capacity and its seat counter.");
        md.AppendLine();
        md.Append(Report.ProcessTable(before, after, rush.Requests - rush.Errors, "pre-registration"));
        return new Section(Title, md.ToString());
    }

    private async Task<List<string>> CapacityBreachesAsync()
    {
        var rows = await enrollment.QueryAsync("""
            SELECT s."CourseId", s."Capacity", s."SeatsTaken", s."WaitingCount",
                   count(*) FILTER (WHERE e."Status" = 'Seated'), count(*) FILTER (WHERE e."Status" = 'Waiting')
            FROM course_seats s LEFT JOIN enrollments e ON e."CourseId" = s."CourseId"
            WHERE s."CourseId" = ANY($1)
            GROUP BY s."CourseId", s."Capacity", s."SeatsTaken", s."WaitingCount"
            """, r => (Course: r.GetGuid(0), Capacity: r.GetInt32(1), Taken: r.GetInt32(2), Waiting: r.GetInt32(3), Seated: r.GetInt64(4), Queued: r.GetInt64(5)),
            _courses);
        foreach (var r in rows) Console.WriteLine($"  course {r.Course}: capacity {r.Capacity}, seated {r.Seated} (counter {r.Taken}), waiting {r.Queued} (counter {r.Waiting})");
        return rows.Where(r => r.Seated > r.Capacity || r.Seated != r.Taken || r.Queued != r.Waiting)
            .Select(r => $"{r.Course}: {r.Seated} seated for {r.Capacity} seats, counter {r.Taken}").ToList();
    }
}
