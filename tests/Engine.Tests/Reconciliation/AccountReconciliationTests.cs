using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Reconciliation;
using Engine.Host.Reconciliation;
using Engine.Kite.Instruments;
using Engine.Kite.Rest;

namespace Engine.Tests.Reconciliation;

/// <summary>
/// The start-up comparison: what differs in the engine's own instruments refuses the start, with
/// each difference in words; what is outside them is a note; the broker's account, when adopted,
/// comes into the engine's units exactly.
/// </summary>
public sealed class AccountReconciliationTests
{
    private static readonly IReadOnlyList<Instrument> Instruments = KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"));
    private static readonly Instrument Infy = Instruments.Single(i => i.TradingSymbol == "INFY" && i.Exchange == "NSE");
    private static readonly Instrument Tcs = Instruments.Single(i => i.TradingSymbol == "TCS" && i.Exchange == "NSE");

    [Fact]
    public void EqualPositionsAndNoOpenOrdersAgree()
    {
        var engine = State(new Position { InstrumentToken = Infy.InstrumentToken, Product = Product.Mis, NetQuantity = 10, OpenCost = 10 * 1500_00 });
        var broker = new BrokerAccount([Held(Infy, "MIS", 10, 1500m)], [Order("250001", "17", Infy, "COMPLETE", 10, 10)], [Trade("250001", Infy, 10)]);
        var report = AccountReconciliation.Compare(engine, broker, [Infy, Tcs]);
        Assert.True(report.Agrees, string.Join("; ", report.Differences));
    }

    [Fact]
    public void APositionThatDiffersIsNamedWithBothQuantities()
    {
        var engine = State(new Position { InstrumentToken = Infy.InstrumentToken, Product = Product.Mis, NetQuantity = 10, OpenCost = 10 * 1500_00 });
        var broker = new BrokerAccount([Held(Infy, "MIS", 15, 1500m), Held(Tcs, "CNC", -2, 3000m)], [], []);
        var report = AccountReconciliation.Compare(engine, broker, [Infy, Tcs]);
        Assert.Equal(["position NSE:INFY MIS: journal +10, broker +15", "position NSE:TCS CNC: journal 0, broker -2"], report.Differences.Order());
    }

    [Fact]
    public void APositionOutsideTheRunsInstrumentsIsOnlyANote()
    {
        var broker = new BrokerAccount([Held(Tcs, "MIS", 5, 3000m)], [Order("250009", null, Tcs, "OPEN", 5, 0)], []);
        var report = AccountReconciliation.Compare(State(), broker, [Infy]);
        Assert.True(report.Agrees);
        Assert.Contains(report.Notes, n => n.Contains("NSE:TCS MIS +5 at the broker: not an instrument", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("was not placed by the engine", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOpenOrderTheBrokerDoesNotHaveAndAnEngineTagTheJournalDoesNotKnowDiffer()
    {
        var engine = State() with { Orders = [Open(33, 250_077, Infy)] };
        var broker = new BrokerAccount([], [Order("250088", "49", Infy, "OPEN", 5, 0)], []);
        var report = AccountReconciliation.Compare(engine, broker, [Infy]);
        Assert.Contains(report.Differences, d => d.StartsWith("order 33 (NSE:INFY BUY 5 MIS, 0 filled): working in the journal, not in the broker's order book", StringComparison.Ordinal));
        Assert.Contains(report.Differences, d => d.Contains("carries the engine's tag 49 but this journal did not leave it open", StringComparison.Ordinal));
    }

    [Fact]
    public void TradesThatDoNotAddUpToTheOrderBooksFillDiffer()
    {
        var broker = new BrokerAccount([], [Order("250001", "17", Infy, "COMPLETE", 10, 10)], [Trade("250001", Infy, 6)]);
        var report = AccountReconciliation.Compare(State(), broker, [Infy]);
        Assert.Contains(report.Differences, d => d.Contains("says 10 filled, its trades add up to 6", StringComparison.Ordinal));
    }

    [Fact]
    public void TheEnginesOpenOrdersAreCaughtUpByTagOrBrokerIdAndUnknownOnesWereNeverPlaced()
    {
        var engine = State() with { Orders = [Open(33, 0, Infy), Open(34, 250_002, Infy), Open(35, 0, Infy)] };
        var broker = new BrokerAccount([], [Order("250001", "33", Infy, "COMPLETE", 5, 5), Order("250002", null, Infy, "OPEN", 5, 0), Order("250003", "99", Infy, "OPEN", 5, 0)], []);
        Assert.Equal(["250001", "250002"], AccountReconciliation.OrdersToCatchUp(engine, broker).Select(o => o.OrderId));
        Assert.Equal([35UL], AccountReconciliation.NeverPlaced(engine, broker).Select(o => o.ClientOrderId));
    }

    [Fact]
    public void TheBrokersAccountComesIntoWireUnitsWithItsOpenOrdersAndTheJournalsCharges()
    {
        var engine = State(new Position { InstrumentToken = Infy.InstrumentToken, Product = Product.Mis, NetQuantity = 3, Charges = 12_34, Brokerage = 5_00 });
        var broker = new BrokerAccount(
            [new KitePosition { InstrumentToken = Infy.InstrumentToken, Exchange = "NSE", TradingSymbol = "INFY", Product = "MIS", Quantity = -4, AveragePrice = 1500.25m, LastPrice = 1499.5m, Realised = 12.5m, BuyQuantity = 6, BuyPrice = 1498m, SellQuantity = 10, SellPrice = 1499.1m }],
            [Order("250005", "81", Infy, "OPEN", 8, 3, average: 1501.5m)],
            [Trade("250005", Infy, 3)]);
        var adopted = AccountReconciliation.BrokerState(engine, broker, [Infy]);
        var p = Assert.Single(adopted.Positions);
        Assert.Equal((-4L, -4 * 1500_25L, 12_50L, 1499_50L, 6 * 1498_00L, 10 * 1499_10L, 12_34L, 5_00L), (p.NetQuantity, p.OpenCost, p.RealizedPnl, p.LastPrice, p.BuyValue, p.SellValue, p.Charges, p.Brokerage));
        var o = Assert.Single(adopted.Orders);
        Assert.Equal((81UL, 250005UL, OrderState.Working, 8L, 3L, 3 * 1501_50L), (o.ClientOrderId, o.BrokerOrderId, o.State, o.Quantity, o.FilledQuantity, o.FilledValue));
        Assert.Equal("broker", adopted.Source);
        Assert.True(AccountReconciliation.Compare(adopted, broker, [Infy]).Agrees);
    }

    private static AccountState State(params Position[] positions) => new() { Source = "journal", Positions = positions };

    private static TrackedOrder Open(ulong clientId, ulong brokerId, Instrument instrument) => new()
    {
        ClientOrderId = clientId, BrokerOrderId = brokerId, InstrumentToken = instrument.InstrumentToken, Side = Side.Buy, Product = Product.Mis, OrderType = OrderType.Market, State = OrderState.Working, Quantity = 5,
    };

    private static KitePosition Held(Instrument instrument, string product, long quantity, decimal average) =>
        new() { InstrumentToken = instrument.InstrumentToken, Exchange = instrument.Exchange, TradingSymbol = instrument.TradingSymbol, Product = product, Quantity = quantity, AveragePrice = average };

    private static KiteOrder Order(string id, string? tag, Instrument instrument, string status, long quantity, long filled, decimal average = 0) => new()
    {
        OrderId = id, Tag = tag, InstrumentToken = instrument.InstrumentToken, Exchange = instrument.Exchange, TradingSymbol = instrument.TradingSymbol, Status = status,
        TransactionType = "BUY", Product = "MIS", OrderType = "MARKET", Quantity = quantity, FilledQuantity = filled, AveragePrice = average,
    };

    private static KiteTrade Trade(string orderId, Instrument instrument, long quantity) =>
        new() { OrderId = orderId, InstrumentToken = instrument.InstrumentToken, Exchange = instrument.Exchange, TradingSymbol = instrument.TradingSymbol, Quantity = quantity, TransactionType = "BUY", Product = "MIS" };
}
