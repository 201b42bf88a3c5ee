using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Strategies;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Running;

/// <summary>
/// The risk gate as a state machine over random inputs: session timers, kill-switch and resume
/// commands, and ticks carrying intents for tradable, index and unknown instruments. A small model
/// of the documented rules predicts every verdict.
/// </summary>
public sealed class RiskGateTests
{
    // INFY (NSE, lot 1), a future with lot 75 (NFO), NIFTY 50 (an index), and a token nobody configured.
    private static readonly Instrument Equity = new(408065, 1594, "INFY", "INFOSYS", 0, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");
    private static readonly Instrument Future = new(13238786, 51714, "NIFTY26NOVFUT", "NIFTY", 0, new DateOnly(2026, 11, 26), 0, 0.1m, 75, "FUT", "NFO-FUT", "NFO");
    private static readonly Instrument Index = new(256265, 1001, "NIFTY 50", "NIFTY 50", 0, null, 0, 0, 0, "EQ", "INDICES", "NSE");
    private const uint Unknown = 999_999_1;

    private static readonly uint[] Tokens = [Equity.InstrumentToken, Future.InstrumentToken, Index.InstrumentToken, Unknown];

    /// <summary>One input: 0..5 a timer, 6 kill switch, 7 resume, 13 flatten, otherwise a tick with intents (token index, exit).</summary>
    public sealed record Step(int What, (int Token, bool Exit)[] Intents);

    private static Gen<Step> Steps =>
        from what in Gen.Choose(0, 13)
        from count in Gen.Choose(0, 4)
        from intents in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 3), ArbMap.Default.GeneratorFor<bool>()), count)
        select new Step(what, what is >= 8 and <= 12 ? intents : []);

    [Fact]
    public void EveryVerdictFollowsTheRulesInTheirDocumentedOrder()
    {
        Prop.ForAll(Gen.ListOf(Steps, 60).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (steps, intraday) =>
        {
            var product = intraday ? Product.Mis : Product.Nrml;
            // The first rules only: budgets and price checks have their own tests.
            var gate = new RiskGate(new RiskGateOptions { DefaultQuantity = 2, Product = product, Budgets = RiskHarness.NoBudgets, Price = new PriceLimits { CircuitBandPercent = 0, FatFingerPercent = 0 } }, [Equity, Future, Index]);
            var phase = TimerKind.Closed;
            bool killed = false;
            bool flattened = false;
            var slot = default(RingEvent);
            long sequence = 0;
            foreach (var step in steps)
            {
                slot.IntentCount = 0;
                switch (step.What)
                {
                    case <= 5:
                        slot.Kind = EventKind.Timer;
                        slot.Timer = (TimerKind)step.What;
                        phase = slot.Timer;
                        break;
                    case 6 or 7:
                        slot.Kind = EventKind.Command;
                        slot.Command = step.What == 6 ? CommandKind.KillSwitch : CommandKind.Resume;
                        killed = step.What == 6;
                        flattened = flattened && step.What == 6;
                        break;
                    case 13:
                        slot.Kind = EventKind.Command;
                        slot.Command = CommandKind.Flatten;
                        flattened = true;
                        break;
                    default:
                        slot.Kind = EventKind.Tick;
                        foreach (var (token, exit) in step.Intents)
                        {
                            slot.Intents[slot.IntentCount++] = new SignalIntent { InstrumentToken = Tokens[token], Side = Side.Buy, IsExit = exit, Price = 100 };
                        }

                        break;
                }

                gate.OnEvent(ref slot, sequence++, true);
                for (int i = 0; i < slot.IntentCount; i++)
                {
                    var intent = slot.Intents[i];
                    var decision = slot.Decisions[i];
                    var expected =
                        killed ? RiskRule.KillSwitch :
                        flattened ? RiskRule.Flattened :
                        intent.InstrumentToken == Index.InstrumentToken || intent.InstrumentToken == Unknown ? RiskRule.NotTradable :
                        !(phase == TimerKind.Open || (intent.IsExit && phase == TimerKind.SquareOff && product != Product.Mis)) ? RiskRule.MarketSession :
                        RiskRule.None;
                    if (decision.Rule != expected || decision.IsAccepted != (expected == RiskRule.None))
                    {
                        return false;
                    }

                    if (decision.IsAccepted)
                    {
                        long lot = intent.InstrumentToken == Future.InstrumentToken ? 75 : 1;
                        var order = decision.ToOrder(intent, sequence, i);
                        if (decision.Quantity != 2 * lot || order.Quantity != 2 * lot || order.Product != product || order.InstrumentToken != intent.InstrumentToken || order.InputSequence != sequence)
                        {
                            return false;
                        }
                    }
                    else if (decision.Quantity != 0)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ClientOrderIdsAreUniqueAcrossInputsAndIntentPositions()
    {
        // Near-equal pairs matter most: neighbouring inputs, neighbouring positions.
        var position = Gen.Zip(Gen.Choose(0, 40), Gen.Choose(0, IntentBuffer.Capacity - 1));
        Prop.ForAll(
            position.ToArbitrary(),
            position.ToArbitrary(),
            (x, y) => (x == y) == (GateDecision.ClientOrderIdOf(x.Item1, x.Item2) == GateDecision.ClientOrderIdOf(y.Item1, y.Item2))).QuickCheckThrowOnFailure();
        Assert.NotEqual(0UL, GateDecision.ClientOrderIdOf(0, 0));   // 0 means "no order" in a verdict record
    }

    [Fact]
    public void AGateWithoutLotsToTradeIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskGate(new RiskGateOptions { DefaultQuantity = 0 }, [Equity]));
}
