namespace Engine.Core.Risk;

/// <summary>Each rule's verdict text, as UTF-8 constants (journal records carry them in words).</summary>
public static class RiskRuleText
{
    /// <summary>The text for <paramref name="rule"/>.</summary>
    public static ReadOnlySpan<byte> Utf8(RiskRule rule) => rule switch
    {
        RiskRule.None => "passed every rule"u8,
        RiskRule.KillSwitch => "kill switch engaged"u8,
        RiskRule.MarketSession => "market not open for this order (no entries outside the session; after the square-off the engine closes intraday positions itself, and only exits of other products pass until the close)"u8,
        RiskRule.NotTradable => "instrument not tradable (an index, or not in the instruments file)"u8,
        RiskRule.Sizing => "sizing gives no quantity"u8,
        RiskRule.Flattened => "the operator flattened the book: the engine is closing everything, and no intent passes until resume"u8,
        _ => "unknown rule"u8,
    };
}
