using System.Diagnostics;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Tadamon.Resilience.Tests;

/// <summary>
/// The SMS gateway down while decisions are taken, and every delivery report sent twice: once it is back, each
/// notice is texted and delivered exactly once.
/// </summary>
[Collection("resilience")]
public sealed class SmsFaultTests(ResilientPlatform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task When_the_SMS_gateway_is_down_and_reports_twice_Should_text_every_notice_once()
    {
        var clock = Stopwatch.StartNew();
        var since = DateTimeOffset.UtcNow;
        foreach (var beneficiary in platform.Beneficiaries)
        {
            var set = await platform.Gateway.SendAsync("sms-settings", beneficiary, HttpMethod.Put, "/api/notifications/me/sms",
                new { phone = beneficiary, language = "ar", smsEnabled = true });
            Assert.True(set?.Ok, $"SMS settings of {beneficiary}: {set?.Status}");
        }
        var window = new WindowFlow(platform, $"sms-{Guid.NewGuid():N}"[..12], courses: 2);
        await window.PrepareAsync();

        await SandboxAsync(new { outage = true, duplicateReports = true });
        try
        {
            var flow = window.RunAsync();
            await Task.WhenAll(flow, Task.Delay(Outage));
            var states = await new Invariants(platform, output).QueryAsync("notificationsdb",
                """SELECT "State", "Attempts" > 0, count(*), max(coalesce("LastError", '')) FROM sms_messages GROUP BY 1, 2""",
                r => (State: r.GetString(0), Tried: r.GetBoolean(1), Count: r.GetInt64(2), Error: r.GetString(3)));
            Assert.True(states.Any(s => s.State == "Pending" && s.Tried),
                "no SMS met the gateway outage: " + string.Join("; ", states.Select(s => $"{s.State} tried={s.Tried} × {s.Count} ({s.Error})")));
        }
        finally
        {
            await SandboxAsync(new { duplicateReports = true });
        }

        var invariants = new Invariants(platform, output);
        var phones = platform.Beneficiaries.Select(MoroccanNumber).ToArray();
        // The notices enrollment wrote for these people since the start that are sent by SMS.
        var notices = await invariants.QueryAsync("enrollmentdb",
            """SELECT "Id" FROM notifications n WHERE n."CreatedAt" >= @since AND n."Kind" IN ('DecisionMade', 'SeatOffered')""",
            r => r.GetGuid(0), ("since", since));
        Assert.NotEmpty(notices);
        List<(Guid Notice, string State, string Reference)> texted = [];
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            texted = await invariants.QueryAsync("notificationsdb",
                """SELECT "NotificationId", "State", replace("Id"::text, '-', '') FROM sms_messages WHERE "NotificationId" = ANY(@notices)""",
                r => (r.GetGuid(0), r.GetString(1), r.GetString(2)), ("notices", notices.ToArray()));
            if (texted.Count == notices.Count && texted.All(t => t.State == "Delivered") || DateTime.UtcNow > deadline) break;
            await Task.Delay(500);
        }

        using var sandbox = platform.Direct("sms-sandbox");
        var received = (await sandbox.GetFromJsonAsync<List<Received>>("/control/messages"))!
            .Where(m => phones.Contains(m.Recipient) && m.AcceptedAt >= since).ToList();
        output.WriteLine($"sms: {notices.Count} notices, {texted.Count} SMS, {texted.Count(t => t.State == "Delivered")} delivered, " +
            $"{received.Count} received by the gateway, {received.Sum(r => r.RepeatedRequests)} repeated sends answered, test took {clock.Elapsed.TotalSeconds:F0} s");
        Assert.Equal(notices.Order(), texted.Select(t => t.Notice).Order()); // none lost, one per notice
        Assert.All(texted, t => Assert.Equal("Delivered", t.State));
        // None sent twice: each SMS reached the gateway once (a retried send would be answered, not sent again).
        var references = texted.Select(t => t.Reference).ToHashSet();
        Assert.Equal(texted.Count, received.Count(r => references.Contains(r.Reference)));
        Assert.True(await platform.AllHealthyAsync(), "health is not green after the SMS outage");
    }

    private sealed record Received(string MessageId, string Recipient, string Reference, string Status, DateTimeOffset AcceptedAt, int RepeatedRequests);

    private static string MoroccanNumber(string local) => "+212" + local[1..];

    private async Task SandboxAsync(object faults)
    {
        using var sandbox = platform.Direct("sms-sandbox");
        (await sandbox.PutAsJsonAsync("/control/faults", faults)).EnsureSuccessStatusCode();
    }
}
