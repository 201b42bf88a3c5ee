using System.Globalization;
using Engine.Core.Time;

namespace Engine.Host.Replay;

/// <summary>A place in a journal given on the command line: an input sequence, or a market time.</summary>
public readonly record struct ReplayPosition(long? Sequence, TimeOnly? TimeOfDay, DateTimeOffset? Instant)
{
    /// <summary>Parses <c>12345</c>, <c>14:05</c>, <c>14:05:30</c> or an ISO date-time (IST when no offset is given).</summary>
    public static ReplayPosition? Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var inv = CultureInfo.InvariantCulture;
        if (long.TryParse(text, NumberStyles.None, inv, out long sequence))
        {
            return new ReplayPosition(sequence, null, null);
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss", "HH:mm:ss.fff"], inv, DateTimeStyles.None, out var time))
        {
            return new ReplayPosition(null, time, null);
        }

        if (DateTimeOffset.TryParse(text, inv, DateTimeStyles.None, out var instant))
        {
            bool hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
            return new ReplayPosition(null, null, hasOffset ? instant : new DateTimeOffset(instant.DateTime, UnixTime.IstOffset));
        }

        throw new FormatException($"{option}: '{text}' is neither an input sequence nor a time (HH:mm[:ss] IST on the run's market day, or an ISO date-time such as 2026-11-20T14:05:00+05:30).");
    }

    /// <summary>
    /// The receive time this position means in a run with <paramref name="clock"/> that started at
    /// <paramref name="runStartNs"/> (a time of day is on that run's market day), or long.MinValue for a sequence.
    /// </summary>
    public long ReceiveTimeNs(MarketClock clock, long runStartNs)
    {
        if (Sequence is not null)
        {
            return long.MinValue;
        }

        long market = Instant is { } instant
            ? (instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100
            : SessionCalendar.At(DateOnly.FromDateTime(UnixTime.ToIst(clock.ToMarket(runStartNs)).DateTime), TimeOfDay!.Value);
        return clock.ToWall(market);
    }
}
