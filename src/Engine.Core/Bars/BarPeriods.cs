using System.Globalization;

namespace Engine.Core.Bars;

/// <summary>Configuration names of bar periods: <c>1m</c>, <c>3m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>60m</c>, <c>day</c>.</summary>
public static class BarPeriods
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["1m", "3m", "5m", "15m", "30m", "60m", "day"];

    /// <summary>Reads a period name (also <c>1h</c>, <c>1d</c>, or a bare number of minutes).</summary>
    public static BarPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t is "day" or "1d" or "d")
        {
            return BarPeriod.Day;
        }

        if (t is "1h" or "60min")
        {
            return BarPeriod.SixtyMinutes;
        }

        string digits = t.TrimEnd('m', 'i', 'n');
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) && Enum.IsDefined(typeof(BarPeriod), minutes) && minutes != (int)BarPeriod.Day)
        {
            return (BarPeriod)minutes;
        }

        throw new FormatException($"Unknown bar period '{text}'; expected one of {string.Join(", ", Names)}.");
    }

    /// <summary>The configuration name.</summary>
    public static string NameOf(BarPeriod period) => period == BarPeriod.Day ? "day" : $"{(int)period}m";
}
