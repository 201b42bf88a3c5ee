using System.Globalization;

namespace Engine.JournalTool.Rendering;

/// <summary>Record timestamps as auditors read them: IST (the market's time) and UTC, to the nanosecond.</summary>
public static class RecordTime
{
    private static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);

    /// <summary><c>2026-11-20T09:15:00.123456789+05:30</c>.</summary>
    public static string Ist8601(long unixNs) => Format(unixNs, Ist, "+05:30");

    /// <summary><c>2026-11-20T03:45:00.123456789Z</c>.</summary>
    public static string Utc8601(long unixNs) => Format(unixNs, TimeSpan.Zero, "Z");

    /// <summary>Reads a time filter: ISO 8601 (offset respected, UTC if none), a date (IST midnight), or HH:mm[:ss] (IST, on <paramref name="day"/>).</summary>
    public static long Parse(string text, DateOnly? day = null)
    {
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            var date = day ?? DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Ist).DateTime);
            return ToNs(new DateTimeOffset(date, time, Ist));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateOnly))
        {
            return ToNs(new DateTimeOffset(dateOnly, TimeOnly.MinValue, Ist));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return ToNs(instant);
        }

        throw new FormatException($"'{text}' is not a time: use ISO 8601 (2026-11-20T09:30:00+05:30), a date (2026-11-20, IST) or HH:mm (IST).");
    }

    private static long ToNs(DateTimeOffset value) => (value.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static string Format(long unixNs, TimeSpan offset, string suffix)
    {
        long seconds = Math.DivRem(unixNs, 1_000_000_000, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000;
        }

        var when = DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset);
        return when.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + nanos.ToString("D9", CultureInfo.InvariantCulture) + suffix;
    }
}
