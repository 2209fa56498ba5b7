namespace Tadamon.Web.Backend;

// Catalog's answers about cooperative members and the trained-members badge (see catalog's MembersApi, TrainedBadgeApi).

public sealed record TrainedCourse(Guid CourseId, string TitleAr, string TitleFr, int Members);

public sealed record TrainedBadge(Guid CooperativeId, int TrainedMembers, IReadOnlyList<TrainedCourse> Courses);

public sealed record MemberCourse(Guid CourseId, string TitleAr, string TitleFr);

public sealed record CooperativeMember(
    Guid Id, Guid CooperativeId, string DisplayName, string State, string? InvitationCode,
    DateTimeOffset InvitedAt, DateTimeOffset? ConsentedAt, DateTimeOffset? LeftAt, string? EndedBy, IReadOnlyList<MemberCourse> Courses);

public sealed record MembershipInvitation(string Code, Guid CooperativeId, string CooperativeNameAr, string CooperativeNameFr, string DisplayName,
    DateTimeOffset InvitedAt, string State);

public sealed record Membership(Guid Id, Guid CooperativeId, string CooperativeNameAr, string CooperativeNameFr, string State,
    DateTimeOffset InvitedAt, DateTimeOffset? ConsentedAt, DateTimeOffset? LeftAt, string? EndedBy);
