namespace Engine.Core.Risk;

/// <summary>
/// How many orders the broker and the regulator allow: Kite's 10 a second, 400 a minute and 5,000
/// a day, and SEBI's retail-algo threshold of 10 a second, above which an algorithm needs an
/// exchange registration. Counted in input time, so replay counts the same. 0 turns one off.
/// </summary>
public sealed record OrderBudgetLimits
{
    /// <summary>Orders in any second.</summary>
    public int PerSecond { get; init; } = 10;

    /// <summary>Orders in any minute.</summary>
    public int PerMinute { get; init; } = 400;

    /// <summary>Orders in a trading day.</summary>
    public int PerDay { get; init; } = 5000;

    /// <summary>SEBI's threshold, orders a second, applied with the broker's (the lower of the two counts).</summary>
    public int SebiPerSecond { get; init; } = 10;

    /// <summary>Modifications of one order (Kite refuses the 26th).</summary>
    public int ModificationsPerOrder { get; init; } = 25;
}
