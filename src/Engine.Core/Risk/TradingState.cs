namespace Engine.Core.Risk;

/// <summary>What the risk engine lets through.</summary>
public enum TradingState : byte
{
    /// <summary>Every order that passes the rules.</summary>
    Active = 1,

    /// <summary>Only orders that reduce an open position.</summary>
    Reducing = 2,

    /// <summary>No new order; cancels still go out.</summary>
    Halted = 3,
}
