namespace Engine.Core.Risk;

/// <summary>The limits whose distance the engine measures and reports, in report order.</summary>
public enum RiskLimit : byte
{
    /// <summary>No limit.</summary>
    None = 0,

    /// <summary>Today's net loss against the daily line (the lower of the rupee and the percentage limit).</summary>
    DailyLoss = 1,

    /// <summary>The net loss since the start against the overall line.</summary>
    MaxLoss = 2,

    /// <summary>The fall of equity from its high-water mark.</summary>
    TrailingDrawdown = 3,

    /// <summary>The open positions' absolute value.</summary>
    GrossExposure = 4,

    /// <summary>Long less short value, either way.</summary>
    NetExposure = 5,

    /// <summary>Instruments with an open position.</summary>
    OpenPositions = 6,

    /// <summary>Orders in the last second.</summary>
    OrdersPerSecond = 7,

    /// <summary>Orders in the last minute.</summary>
    OrdersPerMinute = 8,

    /// <summary>Orders today.</summary>
    OrdersPerDay = 9,

    /// <summary>Losing round trips in a row.</summary>
    ConsecutiveLosses = 10,
}
