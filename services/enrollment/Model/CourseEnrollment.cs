namespace Tadamon.Enrollment.Model;

/// <summary>Seated learns; Waiting holds a numbered place; the others are ended.</summary>
public enum EnrollmentStatus { Seated, Waiting, Completed, Withdrawn, Removed }

/// <summary>An approved pre-registration: a seat on the course, or a numbered place on its waiting list.</summary>
public sealed class CourseEnrollment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PreRegistrationId { get; init; }
    public Guid CourseId { get; init; }
    public required string BeneficiaryId { get; init; }
    public required string BeneficiaryName { get; init; }
    public EnrollmentStatus Status { get; set; }
    public int? WaitingNumber { get; set; }
    public DateTimeOffset ApprovedAt { get; init; }
    public DateTimeOffset? SeatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Who may open lessons and join classes: a seat holder, also after completing.</summary>
    public bool CanLearn => Status is EnrollmentStatus.Seated or EnrollmentStatus.Completed;
    public bool IsActive => Status is EnrollmentStatus.Seated or EnrollmentStatus.Waiting;
}

public sealed class LessonCompletion
{
    public Guid EnrollmentId { get; init; }
    public Guid LessonId { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
}

public sealed class Attendance
{
    public Guid EnrollmentId { get; init; }
    public Guid LiveClassId { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
}

/// <summary>Issued once per completed enrollment; anyone holding the code can check it.</summary>
public sealed class Certificate
{
    public required string Code { get; init; }
    public Guid EnrollmentId { get; init; }
    public Guid CourseId { get; init; }
    /// <summary>The beneficiary's account: events about the certificate name them, the certificate page never does.</summary>
    public required string BeneficiaryId { get; init; }
    public required string BeneficiaryName { get; init; }
    public required string CourseTitleAr { get; init; }
    public required string CourseTitleFr { get; init; }
    public required string CentreNameAr { get; init; }
    public required string CentreNameFr { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }
    public string? RevokedBy { get; private set; }

    public bool IsValid => RevokedAt is null;

    /// <summary>Withdraws the certificate for good (it stays checkable, shown as revoked). False when already revoked.</summary>
    public bool Revoke(string reason, string by, DateTimeOffset now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        RevocationReason = reason;
        RevokedBy = by;
        return true;
    }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I: codes are read aloud and typed

    public static string NewCode()
    {
        Span<char> chars = stackalloc char[14];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i is 4 or 9 ? '-' : Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}

public enum NotificationKind { DecisionMade, InformationRequested, SeatOffered, LiveClassScheduled, LiveClassMoved, LiveClassCancelled, CourseCompleted,
    // A pause of the centre's in-person activity, and its end (issue 18).
    CentrePaused, CentreResumed }

/// <summary>An in-app message for a beneficiary, written in both languages.</summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string BeneficiaryId { get; init; }
    public NotificationKind Kind { get; init; }
    public Guid? CourseId { get; init; }
    public required string TextAr { get; init; }
    public required string TextFr { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
}
