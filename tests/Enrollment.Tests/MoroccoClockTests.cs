using Microsoft.Extensions.Hosting;
using Tadamon.Enrollment.Apis;
using Tadamon.Enrollment.IntegrationEvents;

namespace Tadamon.Enrollment.Tests;

/// <summary>
/// Morocco leaves UTC+1 for UTC+0 during Ramadan. The switch dates come from the system's zone data, never from
/// this test: it finds them, checks there is a switch out and back each year, and checks behaviour on both sides.
/// </summary>
public sealed class MoroccoClockTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Every instant in the year where Morocco's UTC offset changes, found hour by hour from the zone data.</summary>
    private static List<(DateTimeOffset At, TimeSpan Before, TimeSpan After)> SwitchesIn(int year)
    {
        var switches = new List<(DateTimeOffset, TimeSpan, TimeSpan)>();
        var t = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var offset = MoroccoTime.Zone.GetUtcOffset(t);
        for (; t.Year == year; t = t.AddHours(1))
        {
            var now = MoroccoTime.Zone.GetUtcOffset(t);
            if (now != offset) switches.Add((t, offset, now));
            offset = now;
        }
        return switches;
    }

    public static TheoryData<int> RamadanYears => new() { 2026, 2027 };

    [Theory]
    [MemberData(nameof(RamadanYears))]
    public void The_zone_data_carries_a_Ramadan_switch_to_UTC_and_back(int year)
    {
        var switches = SwitchesIn(year);
        Assert.Equal(2, switches.Count);
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.Zero), (switches[0].Before, switches[0].After));
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromHours(1)), (switches[1].Before, switches[1].After));
        // Ramadan: a month or so, somewhere between January and April in these years.
        Assert.InRange((switches[1].At - switches[0].At).TotalDays, 25, 40);
        Assert.InRange(switches[0].At.Month, 1, 4);
    }

    [Theory]
    [MemberData(nameof(RamadanYears))]
    public void Live_class_notices_show_the_clock_in_force_on_the_day(int year)
    {
        var (start, _, _) = SwitchesIn(year)[0];
        var (end, _, _) = SwitchesIn(year)[1];
        var beforeRamadan = start.AddDays(-2).Date;
        var inRamadan = start.AddDays(7).Date;
        var afterRamadan = end.AddDays(2).Date;

        // 09:00 UTC is 10:00 in Morocco, except during Ramadan when it is 09:00.
        Assert.EndsWith(" 10:00", LiveClassNews.When(new DateTimeOffset(beforeRamadan.AddHours(9), TimeSpan.Zero)));
        Assert.EndsWith(" 09:00", LiveClassNews.When(new DateTimeOffset(inRamadan.AddHours(9), TimeSpan.Zero)));
        Assert.EndsWith(" 10:00", LiveClassNews.When(new DateTimeOffset(afterRamadan.AddHours(9), TimeSpan.Zero)));
    }

    [Theory]
    [MemberData(nameof(RamadanYears))]
    public void Today_turns_at_Moroccan_midnight_on_both_sides_of_Ramadan(int year)
    {
        var (start, _, _) = SwitchesIn(year)[0];
        var (end, _, _) = SwitchesIn(year)[1];
        static DateOnly TodayAt(DateTimeOffset utc) => new RequestScope(null!, null!, null!, new FixedClock(utc)).Today;

        // Outside Ramadan, 23:30 UTC is already 00:30 the next day in Morocco: registration windows and ages follow that day.
        var before = new DateTimeOffset(start.AddDays(-3).Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        Assert.Equal(DateOnly.FromDateTime(before.UtcDateTime).AddDays(1), TodayAt(before));
        var after = new DateTimeOffset(end.AddDays(3).Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        Assert.Equal(DateOnly.FromDateTime(after.UtcDateTime).AddDays(1), TodayAt(after));

        // During Ramadan Morocco is on UTC: 23:30 UTC is still the same day.
        var during = new DateTimeOffset(start.AddDays(7).Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        Assert.Equal(DateOnly.FromDateTime(during.UtcDateTime), TodayAt(during));
    }

    [Fact]
    public void A_Moroccan_wall_clock_time_maps_to_the_right_instant_during_Ramadan()
    {
        var (start, _, _) = SwitchesIn(2026)[0];
        var day = DateOnly.FromDateTime(start.AddDays(7).UtcDateTime);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), MoroccoTime.At(day, new TimeOnly(10, 0)));
        var later = day.AddDays(60);
        Assert.Equal(new DateTimeOffset(later.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), MoroccoTime.At(later, new TimeOnly(10, 0)));
    }
}
