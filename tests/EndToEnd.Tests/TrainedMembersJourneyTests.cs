using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Trained cooperatives through the gateway only: a cooperative invites a beneficiary, she consents in her own space,
/// earns a certificate in the digital window, and the cooperative's public badge names the course (through
/// <c>CertificateIssued</c> on the broker); the centre revokes it and the badge drops it (<c>CertificateRevoked</c>).
/// A partial of the digital window's journey: it reuses its course and sign-in helpers.
/// </summary>
public sealed partial class DigitalWindowJourneyTests
{
    [Fact]
    public async Task When_a_consenting_member_earns_a_certificate_Should_badge_the_cooperative_until_the_centre_revokes_it()
    {
        var cooperative = await CreatedAsync("/api/catalog/cooperatives", new Who($"applicant-{Guid.NewGuid():N}", "buyer"), new
        {
            nameAr = "تعاونية الخير للخياطة", nameFr = "Coopérative Al Khair de couture", region = "marrakech-safi", province = "Kelâat Es-Sraghna",
            type = "Women", productFamilies = new[] { "textiles" }, contactPhone = "0524000301",
        });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/verify", Delegation)).StatusCode);
        var cooperativeManager = new Who($"coop-manager-{cooperative:N}", "cooperative-manager", cooperative);
        var member = NewBeneficiary();

        var invited = await SendAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/members", cooperativeManager, new { displayName = "Hajar Ait Ouarab" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var code = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationCode").GetString()!;
        // Someone else's membership is not there for another beneficiary; the invitee consents with the code.
        var consented = await SendAsync(HttpMethod.Post, $"/api/catalog/memberships/invitations/{code}/consent", member);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/catalog/memberships/invitations/{code}", NewBeneficiary())).StatusCode);

        // She earns a certificate in the digital window.
        var (centreManager, course, lessons, liveClassId) = await PublishedRemoteCourseAsync(capacity: 5);
        var enrollment = await PreRegisterAndApproveAsync(member, centreManager, course, "Hajar Ait Ouarab");
        var enrollmentId = enrollment.GetProperty("id").GetGuid();
        foreach (var lesson in lessons)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollmentId}/lessons/{lesson}/complete", member)).StatusCode);
        var joined = await UntilAsync(() => SendAsync(HttpMethod.Post, $"/api/enrollment/enrollments/{enrollmentId}/live-classes/{liveClassId}/join", member),
            r => r.StatusCode == HttpStatusCode.OK, "the live class to be joinable");
        var certificate = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certificateCode").GetString()!;

        // The public badge (anonymous, through the market cache) shows the course and a count, never her name.
        var badge = await UntilAsync(() => platform.Gateway.GetAsync($"/api/catalog/cooperatives/{cooperative}/trained"),
            async r => r.StatusCode == HttpStatusCode.OK && (await r.Content.ReadAsStringAsync()).Contains("Initiation à l'informatique"), "the trained badge");
        var shown = await badge.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hajar", shown);
        Assert.Equal(1, JsonDocument.Parse(shown).RootElement.GetProperty("trainedMembers").GetInt32());

        var revoked = await SendAsync(HttpMethod.Post, $"/api/enrollment/certificates/{certificate}/revoke", centreManager, new { reason = "Présence non justifiée" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var check = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/enrollment/certificates/{certificate}");
        Assert.False(check.GetProperty("valid").GetBoolean());
        await UntilAsync(() => platform.Gateway.GetAsync($"/api/catalog/cooperatives/{cooperative}/trained"),
            async r => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("trainedMembers").GetInt32() == 0, "the badge to drop the revoked certificate");
    }

    [Fact]
    public async Task When_the_platform_starts_with_demo_data_Should_show_the_demo_members_badge()
    {
        var tifawine = DemoIds.Of("cooperative:1");
        await UntilAsync(() => platform.Gateway.GetAsync($"/api/catalog/cooperatives/trained?ids={tifawine}"),
            async r => r.StatusCode == HttpStatusCode.OK && (await r.Content.ReadAsStringAsync()).Contains("Couture et broderie"), "the demo badge of Tifawine");
        // The demo beneficiary sees her membership in her own space.
        var beneficiary = await platform.Accounts.SignInAsync("0612345678", "Tadamon-2026");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/memberships").As(beneficiary);
        var mine = await (await platform.Gateway.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(tifawine, mine.GetProperty("items")[0].GetProperty("cooperativeId").GetGuid());
    }
}
