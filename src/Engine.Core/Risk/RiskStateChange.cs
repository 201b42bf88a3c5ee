namespace Engine.Core.Risk;

/// <summary>A change of the trading state, written into the slot of the input that caused it and journaled with it.</summary>
public struct RiskStateChange
{
    /// <summary>The state before.</summary>
    public TradingState From;

    /// <summary>The state after.</summary>
    public TradingState To;

    /// <summary>What moved it.</summary>
    public TradingStateTrigger Trigger;

    /// <summary>For a limit trigger: which limit, with what was used of it and the limit.</summary>
    public LimitDistance Limit;
}
