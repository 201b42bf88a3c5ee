namespace Engine.Core.Risk;

/// <summary>What moves the trading state.</summary>
public enum TradingStateTrigger : byte
{
    /// <summary>No trigger.</summary>
    None = 0,

    /// <summary>A limit came within its critical threshold.</summary>
    LimitCritical = 1,

    /// <summary>A limit was reached.</summary>
    LimitViolated = 2,

    /// <summary>The operator halted trading.</summary>
    OperatorHalt = 3,

    /// <summary>The operator allowed only reducing orders.</summary>
    OperatorReduce = 4,

    /// <summary>The operator resumed trading.</summary>
    OperatorResume = 5,

    /// <summary>The trading day began again at the configured reset time.</summary>
    DailyReset = 6,

    /// <summary>The feed went stale during market hours (with <c>states.reduce_on_stale_feed</c>).</summary>
    FeedStale = 7,
}
