using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Reconciliation;
using Engine.Core.Risk;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Reconciliation;

/// <summary>
/// A restart loses nothing: an account captured at any point, written to the journal's JSON,
/// read back and restored into a new account, then given the rest of the fills and marks, ends
/// exactly where the account that never stopped ends: positions, P&amp;L, charges, the round-trip
/// record and the high-water marks.
/// </summary>
public sealed class AccountRestoreTests
{
    private static readonly uint[] Tokens = [408065, 2953217, 738561];

    private static Gen<(int Kind, uint Token, Product Product, Side Side, int Quantity, int Price)> Step =>
        from kind in Gen.Choose(0, 3)
        from token in Gen.Elements(Tokens)
        from product in Gen.Elements(Product.Mis, Product.Cnc)
        from side in Gen.Elements(Side.Buy, Side.Sell)
        from quantity in Gen.Choose(1, 40)
        from price in Gen.Choose(9_000, 11_000)
        select (kind, token, product, side, quantity, price);

    [Fact]
    public void AnAccountRestoredFromItsJsonAtAnyPointEndsWhereTheUninterruptedOneEnds()
    {
        var steps = Gen.ListOf(Step).Select(l => l.ToArray());
        Prop.ForAll(steps.ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (list, cutPercent) =>
        {
            int cut = list.Length * cutPercent / 100;
            var (whole, _, _) = NewAccount();
            Apply(whole, list, 0, list.Length);

            var (before, tracker, risk) = NewAccount();
            Apply(before, list, 0, cut);
            byte[] json = AccountStateJson.Write(AccountState.Capture(tracker, risk, cut));
            Assert.True(AccountStateJson.TryRead(json, out var state, out string? error), error);

            var (after, afterTracker, afterRisk) = NewAccount();
            afterRisk.Restore(state);
            afterTracker.Restore(state);
            Apply(after, list, cut, list.Length);

            Assert.Equal(Summary(whole), Summary(after));
            for (int i = 0; i < whole.Positions.Count; i++)
            {
                ref readonly var p = ref whole.Positions[i];
                var q = after.Positions.Get(p.InstrumentToken, p.Product);
                Assert.Equal((p.NetQuantity, p.OpenCost, p.RealizedPnl, p.BuyValue, p.SellValue, p.Brokerage, p.Charges, p.TripRealizedPnl), (q.NetQuantity, q.OpenCost, q.RealizedPnl, q.BuyValue, q.SellValue, q.Brokerage, q.Charges, q.TripRealizedPnl));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheRiskDayOrdersOpenAndSwitchesComeBackAsTheyWere()
    {
        var (account, tracker, risk) = NewAccount();
        account.Fill(Tokens[0], Product.Mis, Side.Buy, 10, 100_00, 0, 1);
        risk.Budget.Record(1);
        risk.Budget.Record(2);
        risk.Transition(TradingStateTrigger.OperatorHalt);
        var open = new TrackedOrder { ClientOrderId = 17, BrokerOrderId = 250_000_123, InstrumentToken = Tokens[1], Side = Side.Sell, Product = Product.Mis, OrderType = OrderType.Limit, State = OrderState.Working, Quantity = 5, FilledQuantity = 2, FilledValue = 2 * 101_00 };
        var state = AccountState.Capture(tracker, risk, 99) with { Orders = [open], KillSwitch = true };

        Assert.True(AccountStateJson.TryRead(AccountStateJson.Write(state), out var read, out _));
        var (restored, restoredTracker, restoredRisk) = NewAccount();
        restoredRisk.Restore(read);
        restoredTracker.Restore(read);

        Assert.Equal((TradingState.Halted, true, 2L, 99L), (restoredRisk.State, restoredRisk.KillSwitchEngaged, restoredRisk.Budget.Today, read.ThroughSequence));
        Assert.Equal(10, restored.Positions.NetQuantity(Tokens[0]));
        Assert.True(restoredTracker.TryGet(17, out var order));
        Assert.Equal((250_000_123UL, OrderState.Working, 2L, 202_00L), (order.BrokerOrderId, order.State, order.FilledQuantity, order.FilledValue));
        Assert.Equal(1, restoredTracker.Open);
    }

    private static (TradingAccount Account, OrderTracker Tracker, RiskContext Risk) NewAccount()
    {
        var account = new TradingAccount(10_00_000_00);
        var risk = new RiskContext(new RiskGateOptions(), account, []);
        return (account, new OrderTracker(null, account, risk.Budget), risk);
    }

    private static void Apply(TradingAccount account, (int Kind, uint Token, Product Product, Side Side, int Quantity, int Price)[] steps, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            var s = steps[i];
            if (s.Kind == 0)
            {
                account.Mark(s.Token, s.Price);
            }
            else
            {
                account.Fill(s.Token, s.Product, s.Side, s.Quantity, s.Price, orderValueBefore: 0, atNs: i);
            }
        }
    }

    private static (long, long, long, long, long, long, long, int, long, long, long, long) Summary(TradingAccount a) =>
        (a.RealizedPnl, a.UnrealizedPnl, a.Charges, a.ClosedTrades, a.WinningTrades, a.WinTotal, a.LossTotal, a.ConsecutiveLosses, a.LastLossAtNs, a.HighWaterMark, a.RealizedHighWaterMark, a.Equity);
}
