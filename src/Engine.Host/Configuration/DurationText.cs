using System.Globalization;

namespace Engine.Host.Configuration;

/// <summary>Durations on the command line: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>250ms</c>.</summary>
public static class DurationText
{
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
