namespace Engine.Core.Risk;

/// <summary>The rule that decided a verdict.</summary>
public enum RiskRule : byte
{
    /// <summary>Every rule passed.</summary>
    None = 0,

    /// <summary>The operator's kill switch is engaged.</summary>
    KillSwitch = 1,

    /// <summary>The market is not in its normal session (no new entries; exits during square-off only).</summary>
    MarketSession = 2,

    /// <summary>The instrument cannot be traded (an index, or unknown).</summary>
    NotTradable = 3,

    /// <summary>The sizing rule gives no quantity.</summary>
    Sizing = 4,

    /// <summary>An operator flattened the book: no intent passes until resume.</summary>
    Flattened = 5,
}
