using System.Net;
using System.Net.Http.Json;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Notifications.Apis;
using Tadamon.Notifications.IntegrationEvents;
using Tadamon.Notifications.Model;

namespace Tadamon.Notifications.Tests;

/// <summary>Who said no gets in-app notices only; a parcel out for delivery is texted to its buyer once.</summary>
public sealed class OptOutAndParcelTests(NotificationsFactory notifications) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task When_the_phone_replies_STOP_Should_withhold_every_later_SMS_until_its_owner_turns_SMS_on()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync("ar");
        var first = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(first);
        await notifications.SmsInStateAsync(first.NotificationId, SmsState.Delivered);

        await notifications.Sandbox.ReplyAsync(phone, " stop ");

        var me = notifications.As(Roles.Beneficiary, person);
        var settings = await me.GetFromJsonAsync<SmsSettingsApi.SmsSettings>("/me/sms");
        Assert.Equal((false, true), (settings!.SmsEnabled, settings.StoppedByReply));
        var second = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(second);
        var withheld = await notifications.SmsInStateAsync(second.NotificationId, SmsState.Withheld);
        Assert.Equal("SMS turned off on the profile", withheld.LastError);
        Assert.Single(await notifications.Sandbox.ReceivedAsync(phone));

        (await me.PutAsJsonAsync("/me/sms", new { phone, language = "ar", smsEnabled = true })).EnsureSuccessStatusCode();
        var third = NotificationsFactory.Decision(person);
        await notifications.Bus.Publish(third);
        await notifications.SmsInStateAsync(third.NotificationId, SmsState.Delivered);
        Assert.Equal(2, (await notifications.Sandbox.ReceivedAsync(phone)).Count);
    }

    [Fact]
    public async Task When_a_person_has_no_phone_or_turned_SMS_off_Should_withhold_it()
    {
        await notifications.ReadyAsync();
        var (off, phone) = await notifications.BeneficiaryAsync(smsEnabled: false);
        var stranger = Guid.NewGuid().ToString();
        var toOff = NotificationsFactory.Decision(off);
        var toStranger = NotificationsFactory.Decision(stranger);
        await notifications.Bus.Publish(toOff);
        await notifications.Bus.Publish(toStranger);

        Assert.Equal("SMS turned off on the profile", (await notifications.SmsInStateAsync(toOff.NotificationId, SmsState.Withheld)).LastError);
        Assert.Equal("No mobile number on the profile", (await notifications.SmsInStateAsync(toStranger.NotificationId, SmsState.Withheld)).LastError);
        Assert.Empty(await notifications.Sandbox.ReceivedAsync(phone));
    }

    [Fact]
    public async Task When_settings_are_wrong_Should_refuse_them_and_change_nothing()
    {
        await notifications.ReadyAsync();
        var (person, phone) = await notifications.BeneficiaryAsync("fr");
        var me = notifications.As(Roles.Beneficiary, person);

        Assert.Equal(HttpStatusCode.BadRequest, (await me.PutAsJsonAsync("/me/sms", new { phone = "0512345678", language = "fr", smsEnabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.PutAsJsonAsync("/me/sms", new { phone, language = "en", smsEnabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.PutAsJsonAsync("/me/sms", new { phone = "", language = "fr", smsEnabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await notifications.CreateClient().GetAsync("/me/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync("/sms")).StatusCode);

        var settings = await me.GetFromJsonAsync<SmsSettingsApi.SmsSettings>("/me/sms");
        Assert.Equal((phone, "fr", true), (settings!.Phone, settings.Language, settings.SmsEnabled));
    }

    [Fact]
    public async Task When_a_parcel_goes_out_for_delivery_Should_text_its_buyer_once_at_the_delivery_phone()
    {
        await notifications.ReadyAsync();
        var (buyer, profilePhone) = await notifications.BeneficiaryAsync("fr");
        var (orderId, shipmentId) = (Guid.NewGuid(), Guid.NewGuid());
        const string deliveryPhone = "0661234567";
        var outForDelivery = new ShipmentStatusChanged(shipmentId, orderId, "AMX123456789", "OutForDelivery", null);

        // The parcel's news may come before the order's copy: it waits for it.
        await notifications.Bus.Publish(outForDelivery);
        await notifications.Bus.Publish(new ShipmentStatusChanged(shipmentId, orderId, "AMX123456789", "InTransit", null));
        await notifications.Bus.Publish(new OrderConfirmed(orderId, Guid.NewGuid(), buyer,
            new DeliveryAddress("Fatima Zahra", deliveryPhone, "souss-massa", "Agadir", "12 rue Tiznit"), 1, 180.00m));
        await notifications.Bus.Publish(outForDelivery with { EventId = Guid.CreateVersion7() });

        var news = ShipmentStatusChangedConsumer.NewsId(shipmentId);
        var sms = await notifications.SmsInStateAsync(news, SmsState.Delivered, TimeSpan.FromSeconds(60));
        Assert.Equal(("+212661234567", "fr", buyer), (sms.Phone, sms.Language, sms.PersonId));
        Assert.Contains("AMX123456789", sms.Text);
        Assert.Single(await notifications.Sandbox.ReceivedAsync("+212661234567"));
        Assert.Empty(await notifications.Sandbox.ReceivedAsync(profilePhone));
    }
}
