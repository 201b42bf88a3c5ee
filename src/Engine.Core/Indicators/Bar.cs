namespace Engine.Core.Indicators;

/// <summary>
/// One price bar for indicator math: prices in rupees (or the instrument's price unit) as doubles,
/// volume in units, and the bar's start time in Unix nanoseconds.
/// </summary>
/// <param name="TimeNs">Start of the bar, Unix ns.</param>
/// <param name="Open">Open.</param>
/// <param name="High">High.</param>
/// <param name="Low">Low.</param>
/// <param name="Close">Close.</param>
/// <param name="Volume">Volume traded in the bar.</param>
public readonly record struct Bar(long TimeNs, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>(high + low + close) / 3.</summary>
    public double TypicalPrice => (High + Low + Close) / 3.0;

    /// <summary>(high + low) / 2.</summary>
    public double MidPrice => (High + Low) / 2.0;
}
