using Tadamon.Notifications.Model;
using Tadamon.Notifications.Sms;

namespace Tadamon.Notifications.Tests;

/// <summary>No SMS from 21:00 to 08:00 on Morocco's clock, which is UTC+1 most of the year and UTC+0 during Ramadan.</summary>
public sealed class QuietHoursTests
{
    [Theory]
    // An ordinary April evening (UTC+1): 20:30 UTC is 21:30 in Casablanca, held until 08:00 local = 07:00 UTC.
    [InlineData("2027-04-20T20:30:00Z", "2027-04-21T07:00:00Z")]
    [InlineData("2027-04-20T19:59:00Z", "2027-04-20T19:59:00Z")]
    [InlineData("2027-04-21T06:30:00Z", "2027-04-21T07:00:00Z")]
    [InlineData("2027-04-21T07:00:00Z", "2027-04-21T07:00:00Z")]
    // During Ramadan 2027 (UTC+0): 20:30 UTC is 20:30 in Casablanca, still allowed; 21:00 UTC is held until 08:00 UTC.
    [InlineData("2027-02-20T20:30:00Z", "2027-02-20T20:30:00Z")]
    [InlineData("2027-02-20T21:00:00Z", "2027-02-21T08:00:00Z")]
    [InlineData("2027-02-21T07:30:00Z", "2027-02-21T08:00:00Z")]
    // The night Ramadan ends (14 March 2027, 02:00 UTC+0 → 03:00 UTC+1): 08:00 that morning is 07:00 UTC.
    [InlineData("2027-03-13T22:00:00Z", "2027-03-14T07:00:00Z")]
    public void Should_hold_until_08_00_in_Casablanca(string at, string allowed) =>
        Assert.Equal(DateTimeOffset.Parse(allowed), QuietHours.NextAllowed(DateTimeOffset.Parse(at)));
}

/// <summary>The dispatcher on a moved clock: a notice at night waits for the morning; Ramadan evenings are an hour longer.</summary>
public sealed class QuietNightTests(NotificationsFactory notifications) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task When_a_notice_comes_at_night_Should_hold_it_until_08_00_then_send_it()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync();
        notifications.Clock.Set(DateTimeOffset.Parse("2027-04-20T20:30:00Z")); // 21:30 in Casablanca
        var notice = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(notice);

        var held = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Pending);
        Assert.Equal(DateTimeOffset.Parse("2027-04-21T07:00:00Z"), held.DueAt);
        await Task.Delay(TimeSpan.FromSeconds(1)); // ten dispatcher rounds: none may send it
        Assert.Equal((SmsState.Pending, 0), (await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Pending)).ToTuple());
        Assert.Empty(await notifications.Sandbox.ReceivedAsync(phone));

        notifications.Clock.Set(DateTimeOffset.Parse("2027-04-21T07:00:00Z"));
        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        Assert.InRange(sms.SentAt!.Value, DateTimeOffset.Parse("2027-04-21T07:00:00Z"), DateTimeOffset.Parse("2027-04-21T07:01:00Z"));
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
    }

    [Fact]
    public async Task When_a_notice_comes_at_20_30_UTC_in_Ramadan_Should_send_it_at_once()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync();
        notifications.Clock.Set(DateTimeOffset.Parse("2027-02-20T20:30:00Z")); // 20:30 in Casablanca (UTC+0)
        var notice = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(notice);

        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        Assert.InRange(sms.SentAt!.Value, DateTimeOffset.Parse("2027-02-20T20:30:00Z"), DateTimeOffset.Parse("2027-02-20T20:31:00Z"));
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
    }
}

internal static class SmsTuple
{
    public static (SmsState, int) ToTuple(this SmsMessage sms) => (sms.State, sms.Attempts);
}
