namespace Engine.Core.Risk;

/// <summary>
/// The trading state's rules, as one pure function. A limit only ever tightens the state (critical,
/// or a stale feed: reducing; reached: halted); loosening is a decision: the operator's resume, or the start of a
/// new trading day. The operator may also halt, or relax a halt to reducing-only.
/// </summary>
public static class TradingStateMachine
{
    /// <summary>The state after <paramref name="trigger"/> in <paramref name="current"/>.</summary>
    public static TradingState Next(TradingState current, TradingStateTrigger trigger) => trigger switch
    {
        TradingStateTrigger.LimitViolated or TradingStateTrigger.OperatorHalt => TradingState.Halted,
        TradingStateTrigger.LimitCritical or TradingStateTrigger.FeedStale => current == TradingState.Active ? TradingState.Reducing : current,
        TradingStateTrigger.OperatorReduce => TradingState.Reducing,
        TradingStateTrigger.OperatorResume or TradingStateTrigger.DailyReset => TradingState.Active,
        _ => current,
    };
}
