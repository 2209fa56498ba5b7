using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Enrollment;
using Tadamon.TestSupport;

namespace Tadamon.Catalog.Tests;

/// <summary>Members invited by their cooperative, consenting in their own space; the badge built from enrollment's certificate events.</summary>
public sealed class TrainedMembersTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = CatalogFactory.Json;

    private HttpClient Manager(Guid cooperative) => catalog.As(Roles.CooperativeManager, $"manager-{cooperative:N}", cooperative);
    private HttpClient Beneficiary(string id) => catalog.As(Roles.Beneficiary, id);
    private static string NewBeneficiary() => $"b-{Guid.NewGuid():N}";

    private async Task<MembersApi.MemberResponse> InviteAsync(Guid cooperative, string name = "Fatima Zahra")
    {
        var invited = await Manager(cooperative).PostAsJsonAsync($"/cooperatives/{cooperative}/members", new { displayName = name });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        return (await invited.Content.ReadFromJsonAsync<MembersApi.MemberResponse>(Json))!;
    }

    private async Task<MembersApi.MembershipResponse> MemberAsync(Guid cooperative, string beneficiary)
    {
        var invitation = await InviteAsync(cooperative);
        var consented = await Beneficiary(beneficiary).PostAsync($"/memberships/invitations/{invitation.InvitationCode}/consent", null);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        return (await consented.Content.ReadFromJsonAsync<MembersApi.MembershipResponse>(Json))!;
    }

    private async Task PublishAsync<T>(T message) where T : class
    {
        var client = catalog.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health")).IsSuccessStatusCode, "catalog and its bus to be healthy", TimeSpan.FromSeconds(60));
        await catalog.Services.GetRequiredService<IBus>().Publish(message);
    }

    private Task<MemberCertificate?> CopyAsync(string code) =>
        catalog.InScopeAsync((db, _) => db.MemberCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code));

    private static CertificateIssued Issued(string beneficiary, string code, Guid? course = null, string titleFr = "Couture et broderie") =>
        new(code, beneficiary, course ?? Guid.NewGuid(), "الخياطة والطرز", titleFr, DateTimeOffset.UtcNow.AddDays(-1));

    private static string NewCode() => $"T{Guid.NewGuid():N}"[..14].ToUpperInvariant();

    /// <summary>Signed in, so the market cache is bypassed: the badge as the database has it now.</summary>
    private async Task<TrainedBadgeApi.TrainedBadge> BadgeAsync(Guid cooperative) =>
        (await catalog.As(Roles.Buyer, "buyer-1").GetFromJsonAsync<TrainedBadgeApi.TrainedBadge>($"/cooperatives/{cooperative}/trained", Json))!;

    [Fact]
    public async Task When_a_member_consents_and_holds_a_certificate_Should_show_the_course_without_naming_anyone_until_they_leave()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var beneficiary = NewBeneficiary();
        var invitation = await InviteAsync(cooperative, "Khadija Ait Ouahmane");
        Assert.Equal(MembershipState.Invited, invitation.State);
        var issued = Issued(beneficiary, NewCode());
        await PublishAsync(issued);
        await Eventually.TrueAsync(async () => await CopyAsync(issued.CertificateCode) is { IssuedAt: not null }, "the certificate's copy");

        // Invited but not consenting: nothing shows.
        Assert.Equal(0, (await BadgeAsync(cooperative)).TrainedMembers);

        var seen = await Beneficiary(beneficiary).GetFromJsonAsync<MembersApi.InvitationResponse>($"/memberships/invitations/{invitation.InvitationCode!.ToLowerInvariant()}", Json);
        Assert.Equal((cooperative, "Khadija Ait Ouahmane"), (seen!.CooperativeId, seen.DisplayName));
        var consented = await Beneficiary(beneficiary).PostAsync($"/memberships/invitations/{invitation.InvitationCode}/consent", null);
        consented.EnsureSuccessStatusCode();
        var membership = (await consented.Content.ReadFromJsonAsync<MembersApi.MembershipResponse>(Json))!;
        Assert.Equal(MembershipState.Member, membership.State);
        Assert.NotNull(membership.ConsentedAt);

        // Anonymous, through the market cache, evicted by the consent: the course and a count, no name.
        var text = await catalog.CreateClient().GetStringAsync($"/cooperatives/{cooperative}/trained");
        Assert.Contains("Couture et broderie", text);
        Assert.DoesNotContain("Khadija", text);
        Assert.DoesNotContain(beneficiary, text);
        var badge = await BadgeAsync(cooperative);
        Assert.Equal(1, badge.TrainedMembers);
        Assert.Equal(issued.CourseId, Assert.Single(badge.Courses).CourseId);
        var listed = await catalog.CreateClient().GetFromJsonAsync<TrainedBadgeApi.TrainedBadge[]>($"/cooperatives/trained?ids={cooperative}&ids={Guid.NewGuid()}", Json);
        Assert.Equal(cooperative, Assert.Single(listed!).CooperativeId);

        // The manager sees who holds which course.
        var members = await Manager(cooperative).GetFromJsonAsync<Page<MembersApi.MemberResponse>>($"/cooperatives/{cooperative}/members", Json);
        var row = Assert.Single(members!.Items);
        Assert.Equal(("Khadija Ait Ouahmane", MembershipState.Member, null), (row.DisplayName, row.State, row.InvitationCode));
        Assert.Equal("Couture et broderie", Assert.Single(row.Courses).TitleFr);

        var left = await Beneficiary(beneficiary).PostAsync($"/memberships/{membership.Id}/leave", null);
        Assert.Equal(MembershipEnd.Member, (await left.Content.ReadFromJsonAsync<MembersApi.MembershipResponse>(Json))!.EndedBy);
        Assert.Equal(0, (await BadgeAsync(cooperative)).TrainedMembers);
        Assert.DoesNotContain("Couture", await catalog.CreateClient().GetStringAsync($"/cooperatives/{cooperative}/trained"));
    }

    [Fact]
    public async Task When_a_revocation_arrives_before_its_issue_Should_never_count_the_certificate()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var beneficiary = NewBeneficiary();
        await MemberAsync(cooperative, beneficiary);
        var issued = Issued(beneficiary, NewCode());
        var kept = Issued(beneficiary, NewCode(), titleFr: "Pâtisserie");

        await PublishAsync(new CertificateRevoked(issued.CertificateCode, beneficiary, issued.CourseId, "Délivrée par erreur", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => await CopyAsync(issued.CertificateCode) is { RevokedAt: not null }, "the revocation");
        await PublishAsync(issued);
        await PublishAsync(issued); // the same event twice: the inbox applies it once
        await PublishAsync(kept);
        await Eventually.TrueAsync(async () => await CopyAsync(issued.CertificateCode) is { IssuedAt: not null } && await CopyAsync(kept.CertificateCode) is { IssuedAt: not null },
            "both issues");

        var copy = (await CopyAsync(issued.CertificateCode))!;
        Assert.NotNull(copy.RevokedAt);
        Assert.Equal("Couture et broderie", copy.CourseTitleFr);
        var badge = await BadgeAsync(cooperative);
        Assert.Equal("Pâtisserie", Assert.Single(badge.Courses).TitleFr);
    }

    [Fact]
    public async Task When_a_counted_certificate_is_revoked_Should_drop_it_from_the_badge()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var beneficiary = NewBeneficiary();
        await MemberAsync(cooperative, beneficiary);
        var issued = Issued(beneficiary, NewCode());
        await PublishAsync(issued);
        await Eventually.TrueAsync(async () => (await BadgeAsync(cooperative)).TrainedMembers == 1, "the badge to show the certificate");

        await PublishAsync(new CertificateRevoked(issued.CertificateCode, beneficiary, issued.CourseId, "Délivrée par erreur", DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => (await BadgeAsync(cooperative)).TrainedMembers == 0, "the badge to lose the revoked certificate");
        Assert.Empty((await BadgeAsync(cooperative)).Courses);
    }

    [Fact]
    public async Task When_a_beneficiary_joins_after_earning_certificates_Should_count_them_once_per_member_and_course()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var (first, second) = (NewBeneficiary(), NewBeneficiary());
        var course = Guid.NewGuid();
        var earlier = new[] { Issued(first, NewCode(), course), Issued(second, NewCode(), course), Issued(first, NewCode(), titleFr: "Pâtisserie") };
        foreach (var e in earlier) await PublishAsync(e);
        foreach (var e in earlier) await Eventually.TrueAsync(async () => await CopyAsync(e.CertificateCode) is not null, "the certificates' copies");

        await MemberAsync(cooperative, first);
        await MemberAsync(cooperative, second);

        var badge = await BadgeAsync(cooperative);
        Assert.Equal(2, badge.TrainedMembers);
        Assert.Equal([("Couture et broderie", 2), ("Pâtisserie", 1)], badge.Courses.Select(c => (c.TitleFr, c.Members)));
    }

    [Fact]
    public async Task When_someone_else_answers_or_touches_a_membership_Should_act_as_if_it_did_not_exist()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var (owner, stranger) = (NewBeneficiary(), NewBeneficiary());
        var invitation = await InviteAsync(cooperative);
        (await Beneficiary(owner).PostAsync($"/memberships/invitations/{invitation.InvitationCode}/consent", null)).EnsureSuccessStatusCode();

        // Answered by its owner, the invitation is gone for everyone else; answering again is harmless for the owner.
        Assert.Equal(HttpStatusCode.NotFound, (await Beneficiary(stranger).GetAsync($"/memberships/invitations/{invitation.InvitationCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Beneficiary(stranger).PostAsync($"/memberships/invitations/{invitation.InvitationCode}/consent", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Beneficiary(owner).PostAsync($"/memberships/invitations/{invitation.InvitationCode}/consent", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Beneficiary(stranger).GetAsync("/memberships/invitations/ZZZZZ-ZZZZZ")).StatusCode);
        Assert.Empty((await Beneficiary(stranger).GetFromJsonAsync<Page<MembersApi.MembershipResponse>>("/memberships", Json))!.Items);
        var mine = Assert.Single((await Beneficiary(owner).GetFromJsonAsync<Page<MembersApi.MembershipResponse>>("/memberships", Json))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await Beneficiary(stranger).PostAsync($"/memberships/{mine.Id}/leave", null)).StatusCode);

        // A second invitation to the same cooperative cannot make the owner a member twice.
        var second = await InviteAsync(cooperative);
        var twice = await Beneficiary(owner).PostAsync($"/memberships/invitations/{second.InvitationCode}/consent", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Another cooperative's manager neither sees nor changes this one's members; bad input changes nothing.
        var other = await catalog.VerifiedCooperativeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await Manager(other).GetAsync($"/cooperatives/{cooperative}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Manager(other).DeleteAsync($"/cooperatives/{cooperative}/members/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Manager(cooperative).PostAsJsonAsync($"/cooperatives/{cooperative}/members", new { displayName = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Beneficiary(owner).GetAsync($"/cooperatives/{cooperative}/members")).StatusCode);

        // The manager removes the member; the stranger's list and the owner's membership show it ended by the manager.
        var removed = await Manager(cooperative).DeleteAsync($"/cooperatives/{cooperative}/members/{mine.Id}");
        Assert.Equal(MembershipEnd.Manager, (await removed.Content.ReadFromJsonAsync<MembersApi.MemberResponse>(Json))!.EndedBy);
        var ended = Assert.Single((await Beneficiary(owner).GetFromJsonAsync<Page<MembersApi.MembershipResponse>>("/memberships", Json))!.Items);
        Assert.Equal(MembershipState.Ended, ended.State);
    }
}
