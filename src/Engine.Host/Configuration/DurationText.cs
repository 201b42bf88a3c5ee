using System.Globalization;

namespace Engine.Host.Configuration;

/// <summary>Durations on the command line: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>250ms</c>.</summary>
public static class DurationText
{
    /// <summary>Like <see cref="Parse"/>, but zero (<c>0</c>, <c>0ms</c>, <c>0s</c>) is allowed: a delay that may be none.</summary>
    public static TimeSpan ParseOrZero(string text, string option) => IsZero(text) ? TimeSpan.Zero : Parse(text, option);

    /// <summary>True for a zero duration in any unit (<c>0</c>, <c>0ms</c>, <c>0s</c>).</summary>
    public static bool IsZero(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string number = text.Trim().ToLowerInvariant().TrimEnd('m', 's', 'h');
        return number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value == 0;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="option"/> names the option in the error.</summary>
    public static TimeSpan Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        (string number, double scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1)
            : t.EndsWith('m') ? (t[..^1], 60)
            : t.EndsWith('h') ? (t[..^1], 3600)
            : (t, 1);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value) && value * scale < TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(value * scale);
        }

        throw new FormatException($"{option}: '{text}' is not a duration; use e.g. 60s, 5m, 1h or 250ms.");
    }
}
