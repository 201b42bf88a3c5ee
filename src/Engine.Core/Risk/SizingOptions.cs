namespace Engine.Core.Risk;

/// <summary>The sizing rule's settings. Every method rounds down to whole lots; none gives less than the lot or more than <see cref="MaxLots"/>.</summary>
public sealed record SizingOptions
{
    /// <summary>The method.</summary>
    public SizingMethod Method { get; init; } = SizingMethod.Fixed;

    /// <summary>Fixed: lots per order; Kelly: lots until enough round trips have closed.</summary>
    public int Lots { get; init; } = 1;

    /// <summary>The most lots any method may give.</summary>
    public int MaxLots { get; init; } = 100;

    /// <summary>Fixed fraction and ATR: the percentage of equity one trade may lose at its stop.</summary>
    public double RiskPercent { get; init; } = 0.5;

    /// <summary>ATR: the stop distance in ATRs.</summary>
    public double AtrMultiple { get; init; } = 2;

    /// <summary>ATR: the bars' length in seconds of market time.</summary>
    public int AtrBarSeconds { get; init; } = 60;

    /// <summary>ATR: the lookback in bars.</summary>
    public int AtrPeriods { get; init; } = 14;

    /// <summary>Kelly: the fraction of the full Kelly bet.</summary>
    public double KellyFraction { get; init; } = 0.5;

    /// <summary>Kelly: the largest share of equity one position may take, percent.</summary>
    public double KellyCapPercent { get; init; } = 10;

    /// <summary>Kelly: round trips needed before the estimate is used.</summary>
    public int KellyMinTrades { get; init; } = 20;
}
