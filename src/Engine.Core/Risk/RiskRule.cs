namespace Engine.Core.Risk;

/// <summary>The rule that decided a verdict: the coded reason a denial carries into the journal.</summary>
public enum RiskRule : byte
{
    /// <summary>Every rule passed.</summary>
    None = 0,

    /// <summary>The operator's kill switch is engaged.</summary>
    KillSwitch = 1,

    /// <summary>The market is not in its normal session (no new entries; exits during square-off only).</summary>
    MarketSession = 2,

    /// <summary>The instrument cannot be traded (an index, or unknown).</summary>
    NotTradable = 3,

    /// <summary>The sizing rule gives no quantity.</summary>
    Sizing = 4,

    /// <summary>An operator flattened the book: no intent passes until resume.</summary>
    Flattened = 5,

    /// <summary>Trading is halted.</summary>
    Halted = 6,

    /// <summary>Trading is reducing-only and the order would not reduce a position.</summary>
    ReducingOnly = 7,

    /// <summary>Losses in a row: no entry until the cool-off ends.</summary>
    CoolOff = 8,

    /// <summary>The price is outside the day's circuit band.</summary>
    CircuitBand = 9,

    /// <summary>The price is too far from the last traded price.</summary>
    FatFinger = 10,

    /// <summary>A MARKET or SL-M order without market protection.</summary>
    MarketProtection = 11,

    /// <summary>Less than one lot fits under the per-order quantity cap.</summary>
    OrderQuantity = 12,

    /// <summary>Less than one lot fits under the per-order value cap.</summary>
    OrderValue = 13,

    /// <summary>The position in the instrument would exceed its value cap.</summary>
    PositionValue = 14,

    /// <summary>The sector's positions would exceed their value cap.</summary>
    SectorExposure = 15,

    /// <summary>A new position would exceed the number of open positions allowed.</summary>
    OpenPositions = 16,

    /// <summary>The book's absolute value would exceed the gross cap.</summary>
    GrossExposure = 17,

    /// <summary>Long less short would exceed the net cap.</summary>
    NetExposure = 18,

    /// <summary>Today's loss has reached the daily line.</summary>
    DailyLoss = 19,

    /// <summary>The loss since the start has reached the overall line.</summary>
    MaxLoss = 20,

    /// <summary>Equity has fallen from its high by the drawdown allowed.</summary>
    TrailingDrawdown = 21,

    /// <summary>The orders of the last second have reached the broker's (and SEBI's) rate.</summary>
    OrdersPerSecond = 22,

    /// <summary>The orders of the last minute have reached the broker's rate.</summary>
    OrdersPerMinute = 23,

    /// <summary>Today's orders have reached the broker's daily count.</summary>
    OrdersPerDay = 24,
}
