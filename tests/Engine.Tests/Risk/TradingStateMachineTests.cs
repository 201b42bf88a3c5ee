using Engine.Core.Risk;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Risk;

/// <summary>
/// The trading state against a model written another way: the state after any sequence of
/// triggers is set by the last loosening trigger (resume or the day's reset: active; the
/// operator's reduce-only: reducing) and then only tightened by what came after it, to the most
/// severe of them (a critical limit or a stale feed: reducing; a reached limit or an operator halt: halted).
/// </summary>
public sealed class TradingStateMachineTests
{
    private static readonly TradingStateTrigger[] All = Enum.GetValues<TradingStateTrigger>();

    [Fact]
    public void EverySequenceOfTriggersEndsWhereTheModelSays()
    {
        Prop.ForAll(Gen.ListOf(Gen.Elements(All)).Select(l => l.ToArray()).ToArbitrary(), triggers =>
        {
            var state = TradingState.Active;
            foreach (var trigger in triggers)
            {
                state = TradingStateMachine.Next(state, trigger);
            }

            return state == Model(triggers);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ALimitNeverLoosensTheState()
    {
        Prop.ForAll(Gen.Elements(Enum.GetValues<TradingState>()).ToArbitrary(), Gen.Elements(TradingStateTrigger.LimitCritical, TradingStateTrigger.LimitViolated).ToArbitrary(), (state, trigger) =>
            TradingStateMachine.Next(state, trigger) >= state).QuickCheckThrowOnFailure();
    }

    private static TradingState Model(TradingStateTrigger[] triggers)
    {
        int last = Array.FindLastIndex(triggers, t => t is TradingStateTrigger.OperatorResume or TradingStateTrigger.DailyReset or TradingStateTrigger.OperatorReduce);
        var state = last >= 0 && triggers[last] == TradingStateTrigger.OperatorReduce ? TradingState.Reducing : TradingState.Active;
        foreach (var trigger in triggers.Skip(last + 1))
        {
            var severity = trigger switch
            {
                TradingStateTrigger.LimitViolated or TradingStateTrigger.OperatorHalt => TradingState.Halted,
                TradingStateTrigger.LimitCritical or TradingStateTrigger.FeedStale => TradingState.Reducing,
                _ => TradingState.Active,
            };
            state = severity > state ? severity : state;
        }

        return state;
    }
}
