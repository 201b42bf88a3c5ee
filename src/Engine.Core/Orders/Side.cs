namespace Engine.Core.Orders;

/// <summary>BUY or SELL (Kite's transaction_type).</summary>
public enum Side : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>BUY.</summary>
    Buy = 1,

    /// <summary>SELL.</summary>
    Sell = 2,
}
