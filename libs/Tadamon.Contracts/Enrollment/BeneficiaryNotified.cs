namespace Tadamon.Contracts.Enrollment;

/// <summary>
/// Enrollment wrote an in-app message for a beneficiary (a decision, a seat freed from the waiting list, a live class
/// moved or cancelled, a centre paused...). <paramref name="NotificationId"/> is the message's own id: a consumer
/// that relays it (notifications, by SMS) does so once per id. <paramref name="Kind"/> is enrollment's kind name
/// (DecisionMade, SeatOffered, LiveClassMoved, LiveClassCancelled, CentrePaused...).
/// </summary>
public sealed record BeneficiaryNotified(
    Guid NotificationId,
    string BeneficiaryId,
    string Kind,
    Guid? CourseId,
    string TextAr,
    string TextFr) : IntegrationEvent;
