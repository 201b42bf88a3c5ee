using Engine.Core.Charges;
using Engine.Core.Orders;
using Engine.Core.Positions;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Positions;

/// <summary>
/// Positions and P&amp;L from fills, against a recomputation that needs no average price: whatever
/// the order of buys and sells, realised plus mark-to-market is what was sold, less what was
/// bought, plus what is held at the last price; the charges are the schedule's on the day's
/// turnover; and a round trip counts as a win or a loss by its own P&amp;L.
/// </summary>
public sealed class TradingAccountTests
{
    private const uint Infy = 408065;

    [Fact]
    public void RealisedPlusMarkToMarketEqualsARecomputationFromTheFills()
    {
        var fill = from side in Gen.Elements(Side.Buy, Side.Sell)
                   from quantity in Gen.Choose(1, 50)
                   from price in Gen.Choose(9_000, 11_000)
                   select (Side: side, Quantity: quantity, Price: price);
        var fills = Gen.ListOf(fill).Select(l => l.ToArray());
        Prop.ForAll(fills.ToArbitrary(), Gen.Choose(9_000, 11_000).ToArbitrary(), (list, mark) =>
        {
            var account = new TradingAccount(1_00_000_00);
            long bought = 0, sold = 0, net = 0, brokerage = 0;
            foreach (var (side, quantity, price) in list)
            {
                account.Fill(Infy, Product.Mis, side, quantity, price, orderValueBefore: 0, atNs: 1);
                if (side == Side.Buy) { bought += (long)quantity * price; net += quantity; }
                else { sold += (long)quantity * price; net -= quantity; }
                brokerage += ChargeSchedule.Zerodha.EquityIntraday.BrokerageOn((long)quantity * price);
            }

            account.Mark(Infy, mark);
            var position = account.Positions.Get(Infy, Product.Mis);
            long expectedGross = sold - bought + (net * mark);
            long expectedCharges = list.Length == 0 ? 0 : ChargeCalculator.Compute(ChargeSchedule.Zerodha.EquityIntraday, false, bought, sold, brokerage).Total;
            return position.NetQuantity == net
                && account.RealizedPnl + account.UnrealizedPnl == expectedGross
                && account.GrossPnl == expectedGross
                && account.Charges == expectedCharges
                && account.NetPnl == expectedGross - expectedCharges
                && (net == 0 ? position.AveragePrice == 0 : position.AveragePrice > 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnAverageThatIsNotAWholeNumberOfPaiseLosesNothingWhenThePositionCloses()
    {
        var account = new TradingAccount(1_00_000_00);
        account.Fill(Infy, Product.Mis, Side.Buy, 1, 100_00, 0, 1);
        account.Fill(Infy, Product.Mis, Side.Buy, 2, 101_00, 0, 2);
        account.Fill(Infy, Product.Mis, Side.Sell, 3, 102_00, 0, 3);

        // ₹306 sold against ₹302 bought: ₹4, though the average (₹100.666…) is not a whole paisa.
        Assert.Equal(4_00, account.RealizedPnl);
        Assert.Equal(0, account.UnrealizedPnl);
    }

    [Fact]
    public void RoundTripsAreCountedAsWinsAndLossesAndLossesInARow()
    {
        var account = new TradingAccount(1_00_000_00);
        account.Fill(Infy, Product.Mis, Side.Buy, 10, 100_00, 0, 1);
        account.Fill(Infy, Product.Mis, Side.Sell, 10, 99_00, 0, 2);
        account.Fill(Infy, Product.Mis, Side.Sell, 10, 100_00, 0, 3);
        account.Fill(Infy, Product.Mis, Side.Buy, 10, 101_00, 0, 4);
        Assert.Equal((2L, 0L, 2), (account.ClosedTrades, account.WinningTrades, account.ConsecutiveLosses));
        Assert.Equal(4, account.LastLossAtNs);

        account.Fill(Infy, Product.Mis, Side.Buy, 10, 100_00, 0, 5);
        account.Fill(Infy, Product.Mis, Side.Sell, 10, 105_00, 0, 6);
        Assert.Equal((3L, 1L, 0), (account.ClosedTrades, account.WinningTrades, account.ConsecutiveLosses));
        Assert.Equal((50_00L, 20_00L), (account.WinTotal, account.LossTotal));
    }

    [Fact]
    public void BrokerageIsPerExecutedOrderAcrossItsPartialFills()
    {
        // One order of 100 @ ₹1,000 filled in two parts pays ₹20 once, not ₹15 + ₹15.
        var account = new TradingAccount(1_00_000_00);
        account.Fill(Infy, Product.Mis, Side.Buy, 50, 1000_00, orderValueBefore: 0, atNs: 1);
        account.Fill(Infy, Product.Mis, Side.Buy, 50, 1000_00, orderValueBefore: 50 * 1000_00, atNs: 2);
        Assert.Equal(20_00, account.Positions.Get(Infy, Product.Mis).Brokerage);
    }

    [Fact]
    public void TheHighWaterMarkFollowsEquityUpAndStaysWhenItFalls()
    {
        var account = new TradingAccount(1_00_000_00);
        account.Fill(Infy, Product.Cnc, Side.Buy, 10, 100_00, 0, 1);
        long afterBuy = account.Equity;
        account.Mark(Infy, 110_00);
        long high = account.Equity;
        account.Mark(Infy, 95_00);
        Assert.True(high > afterBuy);
        Assert.Equal(high, account.HighWaterMark);
        Assert.Equal(high - (15 * 10_00), account.Equity);
    }
}
