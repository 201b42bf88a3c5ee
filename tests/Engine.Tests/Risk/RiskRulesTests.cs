using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Risk.Sizing;

namespace Engine.Tests.Risk;

/// <summary>
/// The rules' arithmetic against examples worked by hand (charges off, so every rupee is the
/// market's): a trailing drawdown whose high moves up and then falls away, a daily loss line and
/// its reset at the configured time, the Kelly cap, a sector cap, sizing rounded to lots, the
/// order budget, reducing-only trading and the price checks.
/// </summary>
public sealed class RiskRulesTests
{
    private static readonly RiskGateOptions Base = new() { Capital = 10_00_000_00, Budgets = RiskHarness.NoBudgets };

    [Fact]
    public void TrailingDrawdownFollowsTheHighUpThenHaltsWhenEquityFallsByTheLimit()
    {
        var h = new RiskHarness(Base with { Loss = new LossLimits { TrailingDrawdown = 5_000_00 } });
        h.Tick(RiskHarness.Infy, 1000);
        h.Fill(RiskHarness.Infy, Side.Buy, 100, 1000);

        // ₹1,000 → ₹1,100 on 100 shares: the high is capital + ₹10,000.
        h.Tick(RiskHarness.Infy, 1100);
        Assert.Equal(10_10_000_00, h.Account.HighWaterMark);
        Assert.Equal(TradingState.Active, h.Context.State);

        // ₹1,060: ₹4,000 below the high, 80% of the limit: critical, reducing-only.
        h.Tick(RiskHarness.Infy, 1060);
        Assert.Equal(4_000_00, h.Context.Drawdown);
        Assert.Equal(TradingState.Reducing, h.Context.State);
        Assert.Equal(RiskRule.ReducingOnly, h.Intent(RiskHarness.Tcs, Side.Buy, 3500).Rule);
        Assert.True(h.Intent(RiskHarness.Infy, Side.Sell, 1060).IsAccepted);

        // ₹1,050: ₹5,000 below the high, though equity is still ₹5,000 above the capital: halted.
        h.Tick(RiskHarness.Infy, 1050);
        Assert.Equal(TradingState.Halted, h.Context.State);
        Assert.Equal(1, h.Last.RiskChangeCount);
        var change = h.Last.RiskChanges[0];
        Assert.Equal((TradingState.Reducing, TradingState.Halted, TradingStateTrigger.LimitViolated, RiskLimit.TrailingDrawdown), (change.From, change.To, change.Trigger, change.Limit.Limit));
        Assert.Equal((5_000_00L, 5_000_00L), (change.Limit.Used, change.Limit.Max));
        Assert.True(h.Last.HasRiskSnapshot);
        Assert.Equal(RiskRule.Halted, h.Intent(RiskHarness.Infy, Side.Sell, 1050).Rule);
    }

    [Fact]
    public void TheDailyLossLineHaltsAndTheNextDaysResetStartsAgainFromThatEquity()
    {
        var h = new RiskHarness(Base with { Loss = new LossLimits { DailyLoss = 2_000_00, DailyResetTime = new TimeOnly(9, 0) } });
        h.Tick(RiskHarness.Infy, 1000);
        h.Fill(RiskHarness.Infy, Side.Buy, 100, 1000);
        h.Fill(RiskHarness.Infy, Side.Sell, 100, 980);   // −₹2,000 realised
        Assert.Equal(2_000_00, h.Context.DailyLoss);
        Assert.Equal(TradingState.Halted, h.Context.State);
        Assert.Equal(RiskRule.Halted, h.Intent(RiskHarness.Infy, Side.Buy, 980).Rule);

        // 08:59 the next day: still the same trading day.
        h.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(59));
        h.Timer(TimerKind.PreOpen);
        Assert.Equal(TradingState.Halted, h.Context.State);

        // 09:00: the day resets, measured from today's equity (₹9,98,000).
        h.Advance(TimeSpan.FromMinutes(1));
        h.Timer(TimerKind.PreOpen);
        Assert.Equal(TradingState.Active, h.Context.State);
        Assert.Equal(9_98_000_00, h.Context.DayStartEquity);
        Assert.Equal(0, h.Context.DailyLoss);
        Assert.Equal(TradingStateTrigger.DailyReset, h.Last.RiskChanges[0].Trigger);
        h.Timer(TimerKind.Open);
        Assert.True(h.Intent(RiskHarness.Infy, Side.Buy, 980).IsAccepted);
    }

    [Fact]
    public void TheDailyLineIsTheLowerOfTheRupeeAndThePercentageLimits()
    {
        var h = new RiskHarness(Base with { Loss = new LossLimits { DailyLoss = 50_000_00, DailyLossPercent = 2 } });
        Assert.Equal(20_000_00, h.Context.DailyLossLimit);   // 2% of ₹10,00,000
    }

    [Fact]
    public void KellyTakesAFractionOfTheEdgeAndNeverMoreThanTheCap()
    {
        // 6 wins of ₹200, 4 losses of ₹100: W = 0.6, R = 2, Kelly = 0.6 − 0.4 / 2 = 0.4.
        Assert.Equal(0.2, KellySizer.Share(6, 4, 1200, 400, fraction: 0.5, capPercent: 50), 10);
        Assert.Equal(0.1, KellySizer.Share(6, 4, 1200, 400, fraction: 0.5, capPercent: 10), 10);
        // W = 0.3, R = 1: no edge, no bet.
        Assert.Equal(0, KellySizer.Share(3, 7, 300, 700, fraction: 0.5, capPercent: 10));
    }

    [Fact]
    public void KellySizingBuysTheCappedShareOfEquityInWholeLots()
    {
        var h = new RiskHarness(Base with { Sizing = new SizingOptions { Method = SizingMethod.Kelly, KellyMinTrades = 10, KellyFraction = 0.5, KellyCapPercent = 10, MaxLots = 1000 } });
        h.Tick(RiskHarness.Infy, 1000);
        for (int i = 0; i < 10; i++)
        {
            h.Fill(RiskHarness.Infy, Side.Buy, 1, 1000);
            h.Fill(RiskHarness.Infy, Side.Sell, 1, i < 6 ? 1002 : 999);   // 6 wins of ₹2, 4 losses of ₹1
        }

        // Equity ₹10,00,008; 10% of it at ₹1,000 a share: 100 shares.
        Assert.Equal(100, h.Intent(RiskHarness.Infy, Side.Buy, 1000).Quantity);
    }

    [Fact]
    public void ASectorCapCountsEveryInstrumentOfTheSector()
    {
        var sectors = new Dictionary<string, string> { ["INFY"] = "it", ["TCS"] = "it" };
        var h = new RiskHarness(Base with { Sizing = new SizingOptions { Lots = 100 }, Exposure = new ExposureLimits { MaxSectorValue = 2_50_000_00, Sectors = sectors } });
        h.Tick(RiskHarness.Infy, 1500);
        h.Tick(RiskHarness.Tcs, 1200);
        h.Fill(RiskHarness.Infy, Side.Buy, 100, 1500);                               // ₹1,50,000 in IT

        Assert.Equal(RiskRule.SectorExposure, h.Intent(RiskHarness.Tcs, Side.Buy, 1200).Rule);   // + ₹1,20,000 = ₹2,70,000
        var fewer = new RiskHarness(Base with { Sizing = new SizingOptions { Lots = 50 }, Exposure = new ExposureLimits { MaxSectorValue = 2_50_000_00, Sectors = sectors } });
        fewer.Tick(RiskHarness.Infy, 1500);
        fewer.Tick(RiskHarness.Tcs, 1200);
        fewer.Fill(RiskHarness.Infy, Side.Buy, 100, 1500);
        Assert.True(fewer.Intent(RiskHarness.Tcs, Side.Buy, 1200).IsAccepted);       // + ₹60,000 = ₹2,10,000
    }

    [Fact]
    public void FixedFractionSizingRoundsDownToWholeLots()
    {
        // ₹10,00,000 × 0.5% = ₹5,000 at risk; NIFTY futures, lot 75.
        var half = new RiskHarness(Base with { Sizing = new SizingOptions { Method = SizingMethod.FixedFraction, RiskPercent = 0.5 } });
        half.Tick(RiskHarness.Future, 24000);
        Assert.Equal(RiskRule.Sizing, half.Intent(RiskHarness.Future, Side.Buy, 24000, stop: 23900).Rule);   // ₹100 a unit: 50 units, no lot
        Assert.Equal(75, half.Intent(RiskHarness.Future, Side.Buy, 24000, stop: 23950).Quantity);            // ₹50: 100 units, 1 lot
        var one = new RiskHarness(Base with { Sizing = new SizingOptions { Method = SizingMethod.FixedFraction, RiskPercent = 1 } });
        one.Tick(RiskHarness.Future, 24000);
        Assert.Equal(150, one.Intent(RiskHarness.Future, Side.Buy, 24000, stop: 23950).Quantity);             // ₹10,000 / ₹50: 200 units, 2 lots
        Assert.Equal(RiskRule.Sizing, one.Intent(RiskHarness.Future, Side.Buy, 24000).Rule);                  // no stop: nothing to size by
    }

    [Fact]
    public void OrderCapsCutTheQuantityInLotsAndSayItWasResized()
    {
        var h = new RiskHarness(Base with { Sizing = new SizingOptions { Lots = 5 }, Exposure = new ExposureLimits { MaxOrderValue = 2_50_000_00 } });
        h.Tick(RiskHarness.Future, 24000);
        var decision = h.Intent(RiskHarness.Future, Side.Buy, 24000);   // 5 lots = ₹90,00,000; one lot is ₹18,00,000
        Assert.Equal(RiskRule.OrderValue, decision.Rule);
        var some = new RiskHarness(Base with { Sizing = new SizingOptions { Lots = 5 }, Exposure = new ExposureLimits { MaxOrderValue = 40_00_000_00 } });
        some.Tick(RiskHarness.Future, 24000);
        decision = some.Intent(RiskHarness.Future, Side.Buy, 24000);
        Assert.Equal((RiskVerdict.Resized, 150L), (decision.Verdict, decision.Quantity));   // ₹40 lakh: 2 lots
    }

    [Fact]
    public void TheEngineThrottlesItselfAtTenOrdersASecondInInputTime()
    {
        var h = new RiskHarness(Base with { Budgets = new OrderBudgetLimits() });
        h.Tick(RiskHarness.Infy, 1000);
        var rules = new List<RiskRule>();
        for (int i = 0; i < 12; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(50));
            rules.Add(h.Intent(RiskHarness.Infy, i % 2 == 0 ? Side.Buy : Side.Sell, 1000).Rule);
        }

        Assert.Equal(10, rules.Count(r => r == RiskRule.None));
        Assert.Equal([RiskRule.OrdersPerSecond, RiskRule.OrdersPerSecond], rules.Skip(10));
        h.Advance(TimeSpan.FromMilliseconds(500));   // the first order is now more than a second old
        Assert.True(h.Intent(RiskHarness.Infy, Side.Buy, 1000).IsAccepted);
        Assert.Equal(11, h.Context.Budget.Today);
    }

    [Fact]
    public void PriceChecksRefuseAFatFingerAPriceOutsideTheBandAndAMarketOrderWithoutProtection()
    {
        var h = new RiskHarness(Base with { Price = new PriceLimits { CircuitBandPercent = 10, FatFingerPercent = 5 } });
        h.Tick(RiskHarness.Infy, 1000, previousClose: 1000);
        Assert.Equal(RiskRule.FatFinger, h.Intent(RiskHarness.Infy, Side.Buy, 1060).Rule);
        Assert.True(h.Intent(RiskHarness.Infy, Side.Buy, 1040).IsAccepted);
        h.Tick(RiskHarness.Infy, 1120, previousClose: 1000);
        Assert.Equal(RiskRule.CircuitBand, h.Intent(RiskHarness.Infy, Side.Buy, 1120).Rule);

        var unprotected = new RiskHarness(Base with { MarketProtection = 0 });
        unprotected.Tick(RiskHarness.Infy, 1000);
        Assert.Equal(RiskRule.MarketProtection, unprotected.Intent(RiskHarness.Infy, Side.Buy, 1000).Rule);
    }

    [Fact]
    public void AfterLossesInARowEntriesWaitForTheCoolOffInMarketTime()
    {
        var h = new RiskHarness(Base with { Loss = new LossLimits { MaxConsecutiveLosses = 2, CoolOff = TimeSpan.FromMinutes(15) } });
        h.Tick(RiskHarness.Infy, 1000);
        h.Fill(RiskHarness.Infy, Side.Buy, 1, 1000);
        h.Fill(RiskHarness.Infy, Side.Sell, 1, 999);
        h.Fill(RiskHarness.Infy, Side.Buy, 1, 1000);
        h.Fill(RiskHarness.Infy, Side.Sell, 1, 999);
        Assert.Equal(RiskRule.CoolOff, h.Intent(RiskHarness.Infy, Side.Buy, 1000).Rule);
        h.Advance(TimeSpan.FromMinutes(15));
        h.Tick(RiskHarness.Infy, 1000);
        Assert.True(h.Intent(RiskHarness.Infy, Side.Buy, 1000).IsAccepted);
    }

    [Fact]
    public void OperatorCommandsMoveTheStateAndAreRecordedWithTheirCause()
    {
        var h = new RiskHarness(Base);
        h.Tick(RiskHarness.Infy, 1000);
        h.Command(CommandKind.Reduce);
        Assert.Equal((TradingState.Reducing, TradingStateTrigger.OperatorReduce), (h.Context.State, h.Last.RiskChanges[0].Trigger));
        h.Command(CommandKind.Halt);
        Assert.Equal(TradingState.Halted, h.Context.State);
        h.Command(CommandKind.Resume);
        Assert.Equal((TradingState.Active, TradingStateTrigger.OperatorResume), (h.Context.State, h.Last.RiskChanges[0].Trigger));
        Assert.True(h.Intent(RiskHarness.Infy, Side.Buy, 1000).IsAccepted);
    }

    [Fact]
    public void AHaltAtALossLineClosesEveryPositionWhenSoConfigured()
    {
        var h = new RiskHarness(Base with { Loss = new LossLimits { DailyLoss = 1_000_00 }, States = new TradingStateOptions { FlattenOnHalt = true } });
        h.Tick(RiskHarness.Infy, 1000);
        h.Fill(RiskHarness.Infy, Side.Buy, 100, 1000);
        h.Tick(RiskHarness.Infy, 990);                    // −₹1,000: the line
        Assert.Equal(TradingState.Halted, h.Context.State);
        Assert.True(h.Tracker.Flattening);

        h.Tick(RiskHarness.Infy, 990);                    // the next input carries the closing order
        Assert.Equal(1, h.Last.ActionCount);
        var close = h.Last.Actions[0];
        Assert.Equal((Side.Sell, 100L, OrderAction.Place), (close.Side, close.Quantity, close.Action));
        Assert.True(Engine.Core.Orders.OrderIds.IsSystem(close.ClientOrderId));
    }

    [Fact]
    public void ANewRuleSetIsInForceFromItsCommandOnAndTextThatIsNotOneChangesNothing()
    {
        var h = new RiskHarness(Base);
        h.Tick(RiskHarness.Infy, 1000);
        h.Tick(RiskHarness.Tcs, 3000);
        h.Fill(RiskHarness.Infy, Side.Buy, 10, 1000);
        Assert.True(h.Intent(RiskHarness.Tcs, Side.Buy, 3000).IsAccepted);

        h.Command(CommandKind.Rules, "{ not a rule set"u8.ToArray());
        Assert.Equal(1, h.Context.RefusedRuleSets);
        Assert.True(h.Intent(RiskHarness.Tcs, Side.Buy, 3000).IsAccepted);

        var tighter = Base with { Version = 2, Capital = 1, Exposure = new ExposureLimits { MaxOpenPositions = 1 } };
        h.Command(CommandKind.Rules, RiskRulesJson.Write(tighter));
        Assert.Equal((2, 10_00_000_00L), (h.Context.Options.Version, h.Context.Options.Capital));   // the capital is the run's
        Assert.Equal(RiskRule.OpenPositions, h.Intent(RiskHarness.Tcs, Side.Buy, 3000).Rule);
        Assert.True(h.Intent(RiskHarness.Infy, Side.Sell, 1000).IsAccepted);                       // reducing still passes
    }
}
