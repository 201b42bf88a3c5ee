namespace Engine.ExampleStrategy;

/// <summary>Parameters of <see cref="OpeningRangeBreakout"/>, set from configuration as opening_minutes and so on.</summary>
public sealed class OpeningRangeBreakoutParameters
{
    /// <summary>Minutes after the open that form the range.</summary>
    public int OpeningMinutes { get; set; } = 15;

    /// <summary>How far beyond the range, as a fraction of its height, counts as a breakout.</summary>
    public double Buffer { get; set; } = 0.1;
}
