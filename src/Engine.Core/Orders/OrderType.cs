namespace Engine.Core.Orders;

/// <summary>Kite's order_type.</summary>
public enum OrderType : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>MARKET (sent with market_protection, as Kite requires for API orders).</summary>
    Market = 1,

    /// <summary>LIMIT.</summary>
    Limit = 2,

    /// <summary>SL.</summary>
    StopLoss = 3,

    /// <summary>SL-M.</summary>
    StopLossMarket = 4,
}
