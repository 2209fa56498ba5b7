using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;
using Tadamon.Notifications.Apis;
using Tadamon.Notifications.Model;
using Tadamon.SmsSandbox;
using Tadamon.TestSupport;

namespace Tadamon.Notifications.Tests;

/// <summary>From enrollment's notice to the phone: once per notification, retried through outages, reports applied once.</summary>
public sealed class SmsSendingTests(NotificationsFactory notifications) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task When_a_notification_arrives_twice_Should_send_one_SMS_in_the_person_s_language()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync("fr");
        var notice = NotificationsFactory.Decision(person);

        await notifications.Bus.Publish(notice);
        await notifications.Bus.Publish(notice with { EventId = Guid.CreateVersion7() }); // a second event for the same notice
        await notifications.Bus.Publish(notice); // a copy of the first

        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        Assert.StartsWith("Tadamon: Votre pré-inscription à « Cuisine » est acceptée", sms.Text);
        Assert.Equal((1, "fr", phone), (sms.Attempts, sms.Language, sms.Phone));
        var received = Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
        Assert.Equal((sms.ProviderMessageId, sms.Text, "TADAMON"), (received.MessageId, received.Text, received.Sender));
        Assert.Single(await notifications.SmsForAsync(notice.NotificationId));
    }

    [Fact]
    public async Task When_a_kind_stays_in_the_app_Should_send_no_SMS()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync("ar");
        var scheduled = NotificationsFactory.Decision(person) with { Kind = "LiveClassScheduled" };
        var moved = NotificationsFactory.Decision(person) with { Kind = "LiveClassMoved", TextAr = "تم تغيير موعد القسم المباشر" };

        await notifications.Bus.Publish(scheduled);
        await notifications.Bus.Publish(moved);

        var sms = await notifications.SmsInStateAsync(moved.NotificationId, SmsState.Delivered);
        Assert.Equal("Tadamon: تم تغيير موعد القسم المباشر", sms.Text);
        Assert.Empty(await notifications.SmsForAsync(scheduled.NotificationId));
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
    }

    [Fact]
    public async Task When_the_gateway_is_down_Should_retry_with_backoff_and_send_once_it_is_back()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync();
        await notifications.Sandbox.FaultsAsync(new Faults(Outage: true));
        var notice = NotificationsFactory.Decision(person);
        try
        {
            await notifications.Bus.Publish(notice);
            var waiting = await Eventually.GetAsync(async () => (await notifications.SmsForAsync(notice.NotificationId))
                .SingleOrDefault(m => m is { State: SmsState.Pending, Attempts: >= 1 }), "a failed attempt");
            Assert.Contains("503", waiting.LastError);
            Assert.Empty(await notifications.Sandbox.ReceivedAsync(phone));
        }
        finally
        {
            await notifications.Sandbox.FaultsAsync(new Faults());
        }

        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        Assert.InRange(sms.Attempts, 2, 3);
        Assert.Null(sms.LastError);
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
    }

    [Fact]
    public async Task When_the_gateway_stays_down_Should_give_up_and_send_it_when_an_operator_replays_it()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync();
        await notifications.Sandbox.FaultsAsync(new Faults(Outage: true));
        var notice = NotificationsFactory.Decision(person);
        SmsMessage failed;
        try
        {
            await notifications.Bus.Publish(notice);
            failed = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Failed, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await notifications.Sandbox.FaultsAsync(new Faults());
        }
        Assert.Equal(3, failed.Attempts);
        Assert.StartsWith("Given up after 3 attempts", failed.LastError);
        var listed = await notifications.Operator.GetFromJsonAsync<Page<SmsMessagesApi.SmsView>>($"/sms?state=Failed&personId={person}", NotificationsFactory.Json);
        Assert.Equal(failed.Id, Assert.Single(listed!.Items).Id);

        Assert.Equal(HttpStatusCode.NoContent, (await notifications.Operator.PostAsync($"/sms/{failed.Id}/replay", null)).StatusCode);

        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        Assert.Equal((1, 1), (sms.Replays, sms.Attempts));
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
        // Delivered: nothing left to replay.
        Assert.Equal(HttpStatusCode.Conflict, (await notifications.Operator.PostAsync($"/sms/{failed.Id}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task When_delivery_reports_come_twice_Should_apply_the_first_only()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync();
        await notifications.Sandbox.FaultsAsync(new Faults(DuplicateReports: true));
        var notice = NotificationsFactory.Decision(person);
        SmsMessage sms;
        try
        {
            await notifications.Bus.Publish(notice);
            sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Delivered);
        }
        finally
        {
            await notifications.Sandbox.FaultsAsync(new Faults());
        }

        // A late report saying otherwise, under a new webhook id, changes nothing either.
        var late = new { messageId = sms.ProviderMessageId, status = "failed", at = DateTimeOffset.UtcNow };
        var response = await notifications.CreateClient().PostAsync("/webhooks/sms/delivery-reports",
            new StandardWebhook(Keys.Gateway).MakeHttpContent(late, $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<SmsWebhooksApi.ReportApplied>())!.Duplicate);
        var after = Assert.Single(await notifications.SmsForAsync(notice.NotificationId));
        Assert.Equal((SmsState.Delivered, sms.ReportedAt), (after.State, after.ReportedAt));
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));
    }

    [Fact]
    public async Task When_a_report_is_not_signed_by_the_gateway_Should_refuse_it()
    {
        await notifications.ReadyAsync();
        var report = new { messageId = "SMSFORGED", status = "delivered", at = DateTimeOffset.UtcNow };
        var response = await notifications.CreateClient().PostAsync("/webhooks/sms/delivery-reports",
            new StandardWebhook(Keys.Stranger).MakeHttpContent(report, $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task When_the_phone_fails_to_receive_Should_mark_it_failed_for_replay()
    {
        await notifications.ReadyAsync();
        var (person, _) = await notifications.BeneficiaryAsync();
        await notifications.Sandbox.FaultsAsync(new Faults(FailNextDeliveries: 1));
        var notice = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(notice);

        var sms = await notifications.SmsInStateAsync(notice.NotificationId, SmsState.Failed);
        Assert.Equal("The gateway reported the message undelivered", sms.LastError);
        Assert.NotNull(sms.ReportedAt);
    }
}
