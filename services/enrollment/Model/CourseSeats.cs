using Tadamon.Contracts.Enrollment;

namespace Tadamon.Enrollment.Model;

/// <summary>
/// Enrollment's own copy of a published course and the one row that decides its seats. Every change of seats
/// or waiting list happens while this row is locked (<c>SELECT ... FOR UPDATE</c>), so concurrent approvals and
/// withdrawals on one course are serialised and capacity is never exceeded.
/// </summary>
public sealed class CourseSeats
{
    public Guid CourseId { get; init; }
    public Guid CentreId { get; set; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public required string CentreNameAr { get; set; }
    public required string CentreNameFr { get; set; }
    public required string Mode { get; set; }
    public int MinAge { get; set; }
    public int MaxAge { get; set; }
    public DateOnly RegistrationOpensOn { get; set; }
    public DateOnly RegistrationClosesOn { get; set; }
    public int RequiredLiveAttendancePercent { get; set; }
    public bool Archived { get; set; }

    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }
    public int WaitingCount { get; set; }
    /// <summary>The next waiting-list number to hand out; numbers are never reused within a course.</summary>
    public int NextWaitingNumber { get; set; } = 1;
    /// <summary>Grows with every seat change; consumers of the counts keep the highest.</summary>
    public long Version { get; set; }

    public DateTimeOffset CapacityAsOf { get; set; }
    public DateTimeOffset OutlineAsOf { get; set; }

    /// <summary>
    /// A seat is free only while fewer are taken than offered. After a reduction more may be taken than offered:
    /// nobody is evicted, and no seat is given until enough people have left.
    /// </summary>
    public bool HasFreeSeat => SeatsTaken < Capacity;

    public SeatCounts Counts => new(Capacity, SeatsTaken, WaitingCount, Version);

    public void TakeSeat() { SeatsTaken++; Version++; }
    public void FreeSeat() { SeatsTaken--; Version++; }
    public int JoinWaitingList() { WaitingCount++; Version++; return NextWaitingNumber++; }
    public void LeaveWaitingList() { WaitingCount--; Version++; }

    public bool IsOpenForRegistration(DateOnly today) =>
        !Archived && today >= RegistrationOpensOn && today <= RegistrationClosesOn;
}
