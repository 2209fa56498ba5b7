namespace Tadamon.Notifications.Sms;

/// <summary>
/// No SMS from 21:00 to 08:00 on Morocco's clock, which moves from UTC+1 to UTC+0 for Ramadan: the hours are
/// read in <see cref="MoroccoTime.Zone"/> (the system's tzdata), never at a fixed offset.
/// </summary>
public static class QuietHours
{
    public static readonly TimeOnly Start = new(21, 0);
    public static readonly TimeOnly End = new(8, 0);

    /// <summary>The instant itself when texting is allowed then, else the next 08:00 in Morocco.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset instant)
    {
        var local = MoroccoTime.Local(instant);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (time >= End && time < Start) return instant;
        var date = DateOnly.FromDateTime(local.DateTime);
        return MoroccoTime.At(time >= Start ? date.AddDays(1) : date, End);
    }
}
