namespace Engine.Core.Risk;

/// <summary>
/// The account and every limit's distance at one input, written into its slot at the configured
/// interval (of market time) and journaled, so an auditor sees how close the account came to each
/// line, and when. Money in paise.
/// </summary>
public struct RiskSnapshot
{
    /// <summary>The trading state.</summary>
    public TradingState State;

    /// <summary>Distances set in <see cref="Distances"/>.</summary>
    public byte Count;

    /// <summary>Capital plus net P&amp;L.</summary>
    public long Equity;

    /// <summary>Realised P&amp;L.</summary>
    public long RealizedPnl;

    /// <summary>Mark-to-market of the open positions.</summary>
    public long UnrealizedPnl;

    /// <summary>Charges on today's executed orders.</summary>
    public long Charges;

    /// <summary>The equity high-water mark the drawdown is measured from.</summary>
    public long HighWaterMark;

    /// <summary>Orders sent today.</summary>
    public long OrdersToday;

    /// <summary>Every measured limit's distance.</summary>
    public LimitDistanceBuffer Distances;
}
