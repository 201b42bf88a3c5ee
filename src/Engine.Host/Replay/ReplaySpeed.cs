using System.Globalization;

namespace Engine.Host.Replay;

/// <summary>A replay's <c>--speed</c>: as fast as possible, or a factor of the recorded pace.</summary>
public static class ReplaySpeed
{
    /// <summary><c>max</c> is 0 (as fast as possible); <c>1x</c>, <c>10x</c>, <c>0.5x</c> are factors of the recorded pace.</summary>
    public static double Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t == "max")
        {
            return 0;
        }

        if (double.TryParse(t.TrimEnd('x'), NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && double.IsFinite(factor))
        {
            return factor;
        }

        throw new FormatException($"--speed: '{text}' is not allowed; use max, 1x (the recorded pace) or a factor such as 10x or 0.5x.");
    }
}
