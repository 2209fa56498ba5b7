namespace Tadamon.Catalog.Model;

/// <summary>
/// A beneficiary's membership of a cooperative. The manager invites (catalog then knows only the name the manager
/// gave and a one-time code to hand over); the beneficiary consents in their own space with the code, which binds
/// their account and records when. Either side ends it: the member leaves, or the manager removes them (or withdraws
/// an invitation nobody answered). Only a consenting, current member's certificates count for the trained badge.
/// </summary>
public sealed class CooperativeMember
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CooperativeId { get; init; }
    /// <summary>The name the manager knows the member by; never shown publicly.</summary>
    public required string DisplayName { get; init; }
    public required string InvitationCode { get; init; }
    public required string InvitedBy { get; init; }
    public DateTimeOffset InvitedAt { get; init; }
    /// <summary>The beneficiary's account, set when they consent.</summary>
    public string? BeneficiaryId { get; private set; }
    public DateTimeOffset? ConsentedAt { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
    public MembershipEnd? EndedBy { get; private set; }

    public bool IsCurrent => ConsentedAt is not null && LeftAt is null;
    public bool IsOpenInvitation => ConsentedAt is null && LeftAt is null;

    public MembershipState State => LeftAt is not null ? MembershipState.Ended : ConsentedAt is not null ? MembershipState.Member : MembershipState.Invited;

    /// <summary>The invited beneficiary agrees to be a member. False when it is not an open invitation.</summary>
    public bool Consent(string beneficiaryId, DateTimeOffset now)
    {
        if (!IsOpenInvitation) return false;
        BeneficiaryId = beneficiaryId;
        ConsentedAt = now;
        return true;
    }

    /// <summary>Ends the membership (or the unanswered invitation). False when already ended.</summary>
    public bool End(MembershipEnd by, DateTimeOffset now)
    {
        if (LeftAt is not null) return false;
        LeftAt = now;
        EndedBy = by;
        return true;
    }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // read aloud or sent by SMS: no 0/O, 1/I

    /// <summary>Ten random characters (50 bits) in two groups: not guessable within the gateway's rate limits.</summary>
    public static string NewCode()
    {
        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i == 5 ? '-' : Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}

public enum MembershipState { Invited, Member, Ended }

public enum MembershipEnd { Member, Manager }

/// <summary>
/// Catalog's copy of a certificate from enrollment's events, kept for the trained badge. Issue and revocation merge
/// whatever their order: the issue fills the course, the revocation sets <see cref="RevokedAt"/>, and nothing ever
/// clears it, so a revocation heard first is not undone by the issue arriving late.
/// </summary>
public sealed class MemberCertificate
{
    public required string Code { get; init; }
    public required string BeneficiaryId { get; init; }
    public Guid CourseId { get; init; }
    public string? CourseTitleAr { get; set; }
    public string? CourseTitleFr { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Counts for a badge: its issue has arrived and no revocation has.</summary>
    public bool Counts => IssuedAt is not null && RevokedAt is null;
}
