using System.Globalization;
using System.Text;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Reconciliation;
using Engine.Kite.Rest;

namespace Engine.Host.Reconciliation;

/// <summary>
/// The start-up comparison of the engine's account (the journal's last run, caught up with what
/// the broker did to the engine's orders meanwhile) with the broker's positions, order book and
/// trades, and the broker's account in the engine's terms for an operator who adopts it. Only the
/// run's instruments are the engine's to manage: anything else at the broker is a note.
/// </summary>
public static class AccountReconciliation
{
    /// <summary>The broker's copies of the engine's open orders, to be published as order updates so the tracker catches up on what happened while it was down.</summary>
    public static IReadOnlyList<KiteOrder> OrdersToCatchUp(AccountState engine, BrokerAccount broker)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(broker);
        return [.. broker.Orders.Where(o => FindOpen(engine, o) is not null)];
    }

    /// <summary>The engine's open orders the broker has never heard of: sent just before a crash, or never sent at all.</summary>
    public static IReadOnlyList<TrackedOrder> NeverPlaced(AccountState engine, BrokerAccount broker)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(broker);
        return [.. engine.Orders.Where(o => o.IsOpen && o.BrokerOrderId == 0 && !broker.Orders.Any(b => ClientIdOf(b) == o.ClientOrderId))];
    }

    /// <summary>Compares positions per instrument and product, the engine's open orders, and each of the engine's orders with its trades.</summary>
    public static ReconciliationReport Compare(AccountState engine, BrokerAccount broker, IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(instruments);
        var inv = CultureInfo.InvariantCulture;
        var byToken = instruments.ToDictionary(i => i.InstrumentToken);
        var differences = new List<string>();
        var notes = new List<string>();

        var journal = new Dictionary<(uint, Product), long>();
        foreach (var p in engine.Positions.Where(p => p.NetQuantity != 0))
        {
            journal[(p.InstrumentToken, p.Product)] = p.NetQuantity;
        }

        var atBroker = new Dictionary<(uint, Product), long>();
        foreach (var p in broker.Positions.Where(p => p.Quantity != 0))
        {
            var product = ProductOf(p.Product);
            if (!byToken.ContainsKey(p.InstrumentToken) || product == Product.None)
            {
                notes.Add(string.Create(inv, $"position {p.Exchange}:{p.TradingSymbol} {p.Product} {p.Quantity:+#;-#} at the broker: not an instrument and product of this run, left alone"));
                continue;
            }

            atBroker[(p.InstrumentToken, product)] = atBroker.GetValueOrDefault((p.InstrumentToken, product)) + p.Quantity;
        }

        foreach (var key in journal.Keys.Union(atBroker.Keys).Order())
        {
            long mine = journal.GetValueOrDefault(key);
            long theirs = atBroker.GetValueOrDefault(key);
            if (mine != theirs)
            {
                differences.Add(string.Create(inv, $"position {NameOf(key.Item1, byToken)} {ProductText(key.Item2)}: journal {Signed(mine)}, broker {Signed(theirs)}"));
            }
        }

        foreach (var order in engine.Orders.Where(o => o.IsOpen))
        {
            var theirs = broker.Orders.FirstOrDefault(b => ClientIdOf(b) == order.ClientOrderId || (order.BrokerOrderId != 0 && BrokerIdOf(b) == order.BrokerOrderId));
            if (theirs is null)
            {
                differences.Add(string.Create(inv, $"order {order.ClientOrderId} ({Describe(order, byToken)}): {StateText(order.State)} in the journal, not in the broker's order book"));
            }
            else if (OrderStatuses.IsTerminal(StatusOf(theirs)))
            {
                differences.Add(string.Create(inv, $"order {order.ClientOrderId} ({Describe(order, byToken)}): {StateText(order.State)} in the journal, {theirs.Status} at the broker (order {theirs.OrderId})"));
            }
        }

        var known = engine.Orders.Select(o => o.ClientOrderId).ToHashSet();
        foreach (var theirs in broker.Orders.Where(IsOpen))
        {
            ulong clientId = ClientIdOf(theirs);
            bool ours = byToken.ContainsKey(theirs.InstrumentToken);
            if (clientId != 0 && !known.Contains(clientId))
            {
                differences.Add(string.Create(inv, $"order {theirs.OrderId} at the broker ({theirs.Exchange}:{theirs.TradingSymbol} {theirs.TransactionType} {theirs.Quantity} {theirs.Product}, {theirs.Status}) carries the engine's tag {theirs.Tag} but this journal did not leave it open"));
            }
            else if (clientId == 0)
            {
                notes.Add(string.Create(inv, $"order {theirs.OrderId} at the broker ({theirs.Exchange}:{theirs.TradingSymbol} {theirs.TransactionType} {theirs.Quantity} {theirs.Product}, {theirs.Status}) was not placed by the engine{(ours ? "; its fills will show as a position difference at the next start" : "")}"));
            }
        }

        var traded = broker.Trades.GroupBy(t => t.OrderId).ToDictionary(g => g.Key, g => g.Sum(t => t.Quantity), StringComparer.Ordinal);
        foreach (var theirs in broker.Orders.Where(o => ClientIdOf(o) != 0 && byToken.ContainsKey(o.InstrumentToken)))
        {
            long filled = traded.GetValueOrDefault(theirs.OrderId);
            if (filled != theirs.FilledQuantity)
            {
                differences.Add(string.Create(inv, $"order {theirs.OrderId} (tag {theirs.Tag}): the order book says {theirs.FilledQuantity} filled, its trades add up to {filled} (fills still arriving? start again in a moment)"));
            }
        }

        return new ReconciliationReport(differences, notes);
    }

    /// <summary>
    /// The broker's account in the engine's terms, for <c>--adopt-broker-state</c>: the broker's net
    /// positions in the run's instruments (the journal's charges kept where the journal had the
    /// position) and the engine's orders open at the broker; the day's record and risk state stay the journal's.
    /// </summary>
    public static AccountState BrokerState(AccountState engine, BrokerAccount broker, IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(instruments);
        var byToken = instruments.ToDictionary(i => i.InstrumentToken);
        var positions = new List<Position>();
        foreach (var p in broker.Positions)
        {
            var product = ProductOf(p.Product);
            if (!byToken.TryGetValue(p.InstrumentToken, out var instrument) || product == Product.None)
            {
                continue;
            }

            decimal units = instrument.PriceDivisor;
            var journal = engine.Positions.FirstOrDefault(j => j.InstrumentToken == p.InstrumentToken && j.Product == product);
            positions.Add(new Position
            {
                InstrumentToken = p.InstrumentToken,
                Product = product,
                NetQuantity = p.Quantity,
                OpenCost = (long)decimal.Round(p.AveragePrice * units * p.Quantity),
                RealizedPnl = (long)decimal.Round(p.Realised * units),
                LastPrice = (long)decimal.Round(p.LastPrice * units),
                BuyQuantity = p.BuyQuantity,
                SellQuantity = p.SellQuantity,
                BuyValue = (long)decimal.Round(p.BuyPrice * units * p.BuyQuantity),
                SellValue = (long)decimal.Round(p.SellPrice * units * p.SellQuantity),
                Brokerage = journal.Brokerage,
                Charges = journal.Charges,
            });
        }

        var orders = new List<TrackedOrder>();
        foreach (var o in broker.Orders.Where(o => IsOpen(o) && ClientIdOf(o) != 0 && byToken.ContainsKey(o.InstrumentToken)))
        {
            decimal units = byToken[o.InstrumentToken].PriceDivisor;
            var status = StatusOf(o);
            orders.Add(new TrackedOrder
            {
                ClientOrderId = ClientIdOf(o),
                BrokerOrderId = BrokerIdOf(o),
                InstrumentToken = o.InstrumentToken,
                Side = o.TransactionType == "SELL" ? Side.Sell : Side.Buy,
                Product = ProductOf(o.Product),
                OrderType = o.OrderType switch { "LIMIT" => OrderType.Limit, "SL" => OrderType.StopLoss, "SL-M" => OrderType.StopLossMarket, _ => OrderType.Market },
                State = OrderStateMachine.StateFor(status, OrderState.Working),
                BrokerStatus = status,
                Quantity = o.Quantity,
                FilledQuantity = o.FilledQuantity,
                FilledValue = (long)decimal.Round(o.AveragePrice * units * o.FilledQuantity),
            });
        }

        return engine with { Source = "broker", Positions = positions, Orders = orders };
    }

    private static TrackedOrder? FindOpen(AccountState engine, KiteOrder theirs)
    {
        ulong clientId = ClientIdOf(theirs);
        ulong brokerId = BrokerIdOf(theirs);
        foreach (var order in engine.Orders)
        {
            if (order.IsOpen && ((clientId != 0 && order.ClientOrderId == clientId) || (brokerId != 0 && order.BrokerOrderId == brokerId)))
            {
                return order;
            }
        }

        return null;
    }

    private static bool IsOpen(KiteOrder order) => !OrderStatuses.IsTerminal(StatusOf(order));

    private static OrderStatus StatusOf(KiteOrder order) => OrderStatuses.Parse(Encoding.UTF8.GetBytes(order.Status));

    private static ulong ClientIdOf(KiteOrder order) => order.Tag is { } tag && OrderIds.TryParseTag(Encoding.UTF8.GetBytes(tag), out ulong id) ? id : 0;

    private static ulong BrokerIdOf(KiteOrder order) => ulong.TryParse(order.OrderId, NumberStyles.None, CultureInfo.InvariantCulture, out ulong id) ? id : 0;

    private static Product ProductOf(string product) => product switch { "MIS" => Product.Mis, "CNC" => Product.Cnc, "NRML" => Product.Nrml, _ => Product.None };

    private static string ProductText(Product product) => product switch { Product.Cnc => "CNC", Product.Nrml => "NRML", _ => "MIS" };

    private static string Signed(long quantity) => quantity.ToString("+#;-#;0", CultureInfo.InvariantCulture);

    private static string NameOf(uint token, Dictionary<uint, Instrument> byToken) => byToken.TryGetValue(token, out var i) ? i.Key : token.ToString(CultureInfo.InvariantCulture);

    private static string Describe(in TrackedOrder order, Dictionary<uint, Instrument> byToken) =>
        string.Create(CultureInfo.InvariantCulture, $"{NameOf(order.InstrumentToken, byToken)} {(order.Side == Side.Sell ? "SELL" : "BUY")} {order.Quantity} {ProductText(order.Product)}, {order.FilledQuantity} filled");

    private static string StateText(OrderState state) => state switch
    {
        OrderState.PendingNew => "sent (no answer yet)",
        OrderState.PendingModify => "modify sent",
        OrderState.PendingCancel => "cancel sent",
        _ => state.ToString().ToLowerInvariant(),
    };
}
