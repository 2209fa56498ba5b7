using System.Globalization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Morocco's civil time, the one every person sees and every date rule follows (storage stays UTC). Read from the
/// system's time zone data (<c>Africa/Casablanca</c>, Debian's tzdata) because Morocco leaves UTC+1 for UTC+0 each
/// Ramadan on dates announced year by year: a fixed offset is an hour wrong for a month. No fallback: a host
/// without the zone data must refuse to start rather than show wrong times (see <see cref="EnsureAvailable"/>).
/// </summary>
public static class MoroccoTime
{
    public const string ZoneId = "Africa/Casablanca";

    private static readonly Lazy<TimeZoneInfo> LazyZone = new(Load);

    public static TimeZoneInfo Zone => LazyZone.Value;

    /// <summary>Called once at start-up by the service defaults, so a missing zone stops the host, not a request.</summary>
    public static void EnsureAvailable() => _ = Zone;

    /// <summary>The instant as a Moroccan clock shows it, with the offset in force then.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar date in Morocco at that instant (not the UTC date, which lags an hour behind at night).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>Today in Morocco.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The instant a Moroccan clock shows this date and time (a time skipped by a change moves on by the gap).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>"dd/MM/yyyy HH:mm" on the Moroccan clock, for notices and messages.</summary>
    public static string Format(DateTimeOffset instant) =>
        Local(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                $"The time zone '{ZoneId}' is missing from this system's time zone data; install tzdata (apt-get install tzdata). " +
                "Morocco's clock changes every Ramadan, so no fixed offset can stand in for it.", ex);
        }
    }
}
