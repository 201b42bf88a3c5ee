using Engine.Core.Orders;

namespace Engine.Core.Matching;

/// <summary>
/// The exchange's checks of one order against its instrument's rules, the same for the
/// simulator's exchange and the paper broker: tick size, lot size, freeze quantity, the circuit
/// band, the fields each order type needs, and market protection for MARKET and SL-M orders.
/// </summary>
public static class OrderChecks
{
    /// <summary>Why <paramref name="order"/> is refused, or <see cref="RejectReason.None"/>.</summary>
    public static RejectReason Check(in MatchOrder order, in InstrumentRules rules)
    {
        if (order.Quantity <= 0 || order.Side == Side.None)
        {
            return RejectReason.Input;
        }

        if (rules.LotSize > 1 && order.Quantity % rules.LotSize != 0)
        {
            return RejectReason.LotSize;
        }

        if (rules.FreezeQuantity > 0 && order.Quantity > rules.FreezeQuantity)
        {
            return RejectReason.FreezeQuantity;
        }

        bool needsPrice = order.Type is OrderType.Limit or OrderType.StopLoss;
        bool needsTrigger = order.Type is OrderType.StopLoss or OrderType.StopLossMarket;
        if ((needsPrice && order.Price <= 0) || (needsTrigger && order.TriggerPrice <= 0) || order.Type == OrderType.None)
        {
            return RejectReason.Input;
        }

        if (order.Type is OrderType.Market or OrderType.StopLossMarket && order.MarketProtection == 0)
        {
            return RejectReason.MarketProtection;
        }

        if (rules.TickSize > 1 && ((needsPrice && order.Price % rules.TickSize != 0) || (needsTrigger && order.TriggerPrice % rules.TickSize != 0)))
        {
            return RejectReason.TickSize;
        }

        if ((needsPrice && OutsideBand(order.Price, rules)) || (needsTrigger && OutsideBand(order.TriggerPrice, rules)))
        {
            return RejectReason.CircuitBand;
        }

        return RejectReason.None;
    }

    /// <summary>Kite-like words for a reason (the simulator's <c>status_message</c>).</summary>
    public static string Describe(RejectReason reason, in InstrumentRules rules) => reason switch
    {
        RejectReason.TickSize => $"Tick size for this script is {Rupees(rules.TickSize, rules)}. Kindly enter price in the multiple of tick size for this script",
        RejectReason.LotSize => $"RMS:Rule: Quantity not a multiple of the lot size {rules.LotSize}",
        RejectReason.FreezeQuantity => $"RMS:Rule: Check freeze quantity: ORDER QTY IS GREATER THAN FREEZE QTY {rules.FreezeQuantity}",
        RejectReason.CircuitBand => $"RMS:Rule: Check circuit limit including square off order exceeds: the price band is {Rupees(rules.LowerCircuit, rules)} to {Rupees(rules.UpperCircuit, rules)}",
        RejectReason.MarketProtection => "Market orders without market protection are not allowed via API. Set market_protection.",
        RejectReason.Margin => "RMS:Margin Exceeds: insufficient funds for the order",
        RejectReason.Modifications => "Maximum allowed order modifications exceeded.",
        RejectReason.Input => "Invalid order: the order type needs a price or a trigger price, and a positive quantity",
        _ => "",
    };

    private static string Rupees(long wire, in InstrumentRules rules) =>
        (wire / (decimal)Math.Max(1, rules.PriceDivisor)).ToString(rules.PriceDivisor > 100 ? "0.0000" : "0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static bool OutsideBand(long price, in InstrumentRules rules) =>
        (rules.LowerCircuit > 0 && price < rules.LowerCircuit) || (rules.UpperCircuit > 0 && price > rules.UpperCircuit);
}
