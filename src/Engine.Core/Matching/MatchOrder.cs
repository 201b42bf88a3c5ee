using Engine.Core.Orders;

namespace Engine.Core.Matching;

/// <summary>An order resting in (or arriving at) a <see cref="MatchingBook"/>. Prices in wire units.</summary>
public struct MatchOrder
{
    /// <summary>The book's id for it (the broker's order id).</summary>
    public ulong Id;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>Market, limit, SL or SL-M.</summary>
    public OrderType Type;

    /// <summary>DAY, IOC or TTL.</summary>
    public Validity Validity;

    /// <summary>For MARKET and SL-M: -1 automatic, 1 to 100 percent.</summary>
    public short MarketProtection;

    /// <summary>True once an SL or SL-M order's trigger was reached.</summary>
    public bool Triggered;

    /// <summary>Units ordered.</summary>
    public long Quantity;

    /// <summary>Units filled so far.</summary>
    public long Filled;

    /// <summary>Limit price (LIMIT, SL, and a MARKET remainder resting at its protection price).</summary>
    public long Price;

    /// <summary>Trigger price (SL, SL-M).</summary>
    public long TriggerPrice;

    /// <summary>Units still to fill.</summary>
    public readonly long Remaining => Quantity - Filled;
}
