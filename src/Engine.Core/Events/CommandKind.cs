namespace Engine.Core.Events;

/// <summary>Operator commands, which enter the ring as inputs so a replay sees them at the same point.</summary>
public enum CommandKind : ushort
{
    /// <summary>Not a command.</summary>
    None = 0,

    /// <summary>Reject every new intent until resumed.</summary>
    KillSwitch = 1,

    /// <summary>Lift the kill switch, a flatten and a halt: trading is active again.</summary>
    Resume = 2,

    /// <summary>Cancel every open order and close every position; no intent passes until resume.</summary>
    Flatten = 3,

    /// <summary>Halt trading: nothing new passes (cancels do) until resume or the day's reset.</summary>
    Halt = 4,

    /// <summary>Reducing-only trading: only orders that reduce a position pass, until resume.</summary>
    Reduce = 5,

    /// <summary>Replace the risk rule set from this input on; the command's text is the new set as JSON (<see cref="Risk.RiskRulesJson"/>).</summary>
    Rules = 6,

    /// <summary>The feed watchdog: no tick for the configured time during market hours (the argument is the seconds).</summary>
    FeedStale = 7,

    /// <summary>The feed watchdog: ticks flow again after a stale spell.</summary>
    FeedRestored = 8,

    /// <summary>
    /// The account at start-up: positions, open orders and the day's risk state, from the
    /// journal's last run caught up with the broker, or the broker's own when the operator adopted
    /// it. The command's text is the state as JSON (<see cref="Reconciliation.AccountStateJson"/>).
    /// </summary>
    AccountState = 9,

    /// <summary>
    /// An operator's order (a rebalance's delta): the argument packs the instrument, the side and the
    /// quantity (<see cref="OperatorOrder"/>); the signals stage makes it an intent of
    /// <see cref="Strategies.SignalIntent.OperatorIndex"/> with that quantity, which the risk gate
    /// judges by every rule, as it judges a strategy's. The text says who asked.
    /// </summary>
    Order = 10,
}
