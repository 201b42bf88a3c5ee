using System.Globalization;
using Engine.Core.Orders;

namespace Engine.Host.Rebalancing;

/// <summary>
/// Targets against the positions held: the delta orders, sells first (they free the cash the
/// buys need), each in whole lots. A weight is of the investable equity (the equity less the cash
/// buffer) at the instrument's last price, rounded down to lots; a quantity is rounded down to
/// lots. A delta under the minimum trade value is left, and buys that would take the cash below the
/// buffer are cut to what fits, in lots. At target, the plan is empty: running it again places nothing.
/// </summary>
public sealed record RebalancePlan(IReadOnlyList<RebalanceOrder> Orders, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The plan for <paramref name="targets"/> given <paramref name="held"/> (shares by token),
    /// <paramref name="prices"/> (rupees by token), the account's <paramref name="equity"/> and
    /// <paramref name="cash"/> (rupees).
    /// </summary>
    public static RebalancePlan Of(IReadOnlyList<RebalanceTarget> targets, IReadOnlyDictionary<uint, long> held, IReadOnlyDictionary<uint, decimal> prices, decimal equity, decimal cash, RebalancePlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        var notes = new List<string>();
        var sells = new List<RebalanceOrder>();
        var buys = new List<RebalanceOrder>();
        decimal investable = equity * (1 - (options.CashBufferPercent / 100));
        foreach (var target in targets)
        {
            var instrument = target.Instrument;
            long lot = Math.Max(1, instrument.LotSize);
            if (!prices.TryGetValue(instrument.InstrumentToken, out decimal price) || price <= 0)
            {
                notes.Add($"{instrument.Key}: no price, left as it is");
                continue;
            }

            long want = target.Quantity is { } q ? q / lot * lot : (long)(investable * target.WeightPercent!.Value / 100 / price) / lot * lot;
            if (target.Quantity is { } asked && asked % lot != 0)
            {
                notes.Add(string.Create(inv, $"{instrument.Key}: target {asked} rounded down to {want} (lots of {lot})"));
            }

            long have = held.GetValueOrDefault(instrument.InstrumentToken);
            long delta = want - have;
            if (delta == 0)
            {
                notes.Add(string.Create(inv, $"{instrument.Key}: at target ({have})"));
                continue;
            }

            long quantity = Math.Abs(delta) / lot * lot;
            if (quantity == 0)
            {
                notes.Add(string.Create(inv, $"{instrument.Key}: {delta} from target, less than a lot of {lot}"));
                continue;
            }

            if (quantity * price < options.MinTradeValue)
            {
                notes.Add(string.Create(inv, $"{instrument.Key}: {(delta > 0 ? "buy" : "sell")} {quantity} worth ₹{quantity * price:#,##0.00}, under the minimum trade value ₹{options.MinTradeValue:#,##0}; left"));
                continue;
            }

            var order = new RebalanceOrder(instrument, delta > 0 ? Side.Buy : Side.Sell, quantity, have, have + (delta > 0 ? quantity : -quantity), price);
            (delta > 0 ? buys : sells).Add(order);
        }

        // Buys spend the cash the sells free, down to the buffer.
        decimal spendable = cash + sells.Sum(s => s.Value) - (equity * options.CashBufferPercent / 100);
        var fitted = new List<RebalanceOrder>();
        foreach (var buy in buys)
        {
            long lot = Math.Max(1, buy.Instrument.LotSize);
            long affordable = spendable <= 0 ? 0 : (long)(spendable / buy.Price) / lot * lot;
            long quantity = Math.Min(buy.Quantity, affordable);
            if (quantity < buy.Quantity)
            {
                notes.Add(string.Create(inv, $"{buy.Instrument.Key}: buy {buy.Quantity} cut to {quantity} to keep the {options.CashBufferPercent}% cash buffer"));
            }

            if (quantity > 0 && quantity * buy.Price >= options.MinTradeValue)
            {
                fitted.Add(buy with { Quantity = quantity, Target = buy.Held + quantity });
                spendable -= quantity * buy.Price;
            }
        }

        return new RebalancePlan([.. sells, .. fitted], notes);
    }
}
