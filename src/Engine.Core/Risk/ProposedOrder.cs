using Engine.Core.Orders;

namespace Engine.Core.Risk;

/// <summary>
/// An intent on its way through the rules: what the strategy asked for, what the market and the
/// book say about it, and the quantity the sizing rule gave (which a cap may cut). Prices in wire
/// units, values in paise.
/// </summary>
public struct ProposedOrder
{
    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>The strategy marked it an exit.</summary>
    public bool IsExit;

    /// <summary>The strategy's price when it made the intent.</summary>
    public long Price;

    /// <summary>The strategy's stop (0: none).</summary>
    public long Stop;

    /// <summary>The instrument's last traded price (0 before the first tick).</summary>
    public long LastPrice;

    /// <summary>The previous session's close (0 if not known).</summary>
    public long PreviousClose;

    /// <summary>Units in a lot.</summary>
    public long LotSize;

    /// <summary>The net quantity held now, every product of the instrument.</summary>
    public long HeldQuantity;

    /// <summary>The order type the engine sends.</summary>
    public OrderType OrderType;

    /// <summary>Kite's market protection on it.</summary>
    public short MarketProtection;

    /// <summary>Units, once sized.</summary>
    public long Quantity;

    /// <summary>The shares the intent asked for (an operator's order); 0: the sizer decides.</summary>
    public long RequestedQuantity;

    /// <summary>A cap cut the quantity.</summary>
    public bool Resized;

    /// <summary>Units with their sign: positive buys.</summary>
    public readonly long Signed => Side == Side.Buy ? Quantity : -Quantity;

    /// <summary>The price the order is valued at: the last price, or the intent's before any tick.</summary>
    public readonly long ValuationPrice => LastPrice > 0 ? LastPrice : Price;

    /// <summary>The order's value at <see cref="ValuationPrice"/>.</summary>
    public readonly long Value => Quantity * ValuationPrice;

    /// <summary>True when it only takes away from an open position (never through zero).</summary>
    public readonly bool Reduces => HeldQuantity != 0 && Math.Sign(Signed) == -Math.Sign(HeldQuantity) && Quantity <= Math.Abs(HeldQuantity);
}
