using System.Runtime.InteropServices;
using Engine.Core.Orders;
using Engine.Core.Strategies;

namespace Engine.Core.Risk;

/// <summary>
/// The risk gate's decision on one intent, written beside it in the ring slot: 16 bytes, so the
/// slot's sixteen decisions take four cache lines. The order an accepted decision becomes is
/// built from the intent, the decision and the input's sequence (<see cref="ToOrder"/>), the
/// same way by the router, the journal and the replay verifier.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct GateDecision
{
    /// <summary>Accepted, rejected or resized.</summary>
    public RiskVerdict Verdict;

    /// <summary>The deciding rule.</summary>
    public RiskRule Rule;

    /// <summary>Order type, when accepted.</summary>
    public OrderType OrderType;

    /// <summary>Product, when accepted.</summary>
    public Product Product;

    /// <summary>Kite's <c>market_protection</c> for a MARKET order, when accepted.</summary>
    public short MarketProtection;

    /// <summary>Quantity in units, when accepted.</summary>
    public long Quantity;

    /// <summary>True when the verdict lets an order out.</summary>
    public readonly bool IsAccepted => Verdict is RiskVerdict.Accepted or RiskVerdict.Resized;

    /// <summary>The engine's order id for intent <paramref name="intentIndex"/> of input <paramref name="inputSequence"/>: unique in a journal, the same on every replay.</summary>
    public static ulong ClientOrderIdOf(long inputSequence, int intentIndex) => OrderIds.ForIntent(inputSequence, intentIndex);

    /// <summary>The order this (accepted) decision on <paramref name="intent"/> becomes.</summary>
    public readonly OrderRequest ToOrder(in SignalIntent intent, long inputSequence, int intentIndex) => new()
    {
        ClientOrderId = ClientOrderIdOf(inputSequence, intentIndex),
        Action = OrderAction.Place,
        InstrumentToken = intent.InstrumentToken,
        Side = intent.Side,
        OrderType = OrderType,
        Product = Product,
        Validity = Validity.Day,
        MarketProtection = OrderType is OrderType.Market or OrderType.StopLossMarket ? MarketProtection : (short)0,
        Quantity = Quantity,
        Price = 0,
        TriggerPrice = 0,
        InputSequence = inputSequence,
    };
}
