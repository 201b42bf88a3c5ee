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
        RiskRule.Sizing => "sizing gives no quantity (less than one lot, or no stop to size by)"u8,
        RiskRule.Flattened => "the operator flattened the book: the engine is closing everything, and no intent passes until resume"u8,
        RiskRule.Halted => "trading halted: no new order passes until the operator resumes or the day resets"u8,
        RiskRule.ReducingOnly => "trading is reducing-only: only an order that reduces an open position passes"u8,
        RiskRule.CoolOff => "cooling off after losing trades in a row: no entry until the cool-off ends"u8,
        RiskRule.CircuitBand => "price outside the day's circuit band"u8,
        RiskRule.FatFinger => "price too far from the last traded price (fat finger)"u8,
        RiskRule.MarketProtection => "MARKET and SL-M orders need market protection"u8,
        RiskRule.OrderQuantity => "less than one lot fits under the per-order quantity cap"u8,
        RiskRule.OrderValue => "less than one lot fits under the per-order value cap"u8,
        RiskRule.PositionValue => "the position in this instrument would exceed its value cap"u8,
        RiskRule.SectorExposure => "the sector's positions would exceed their value cap"u8,
        RiskRule.OpenPositions => "a new position would exceed the open positions allowed"u8,
        RiskRule.GrossExposure => "gross exposure would exceed its cap"u8,
        RiskRule.NetExposure => "net exposure would exceed its cap"u8,
        RiskRule.DailyLoss => "daily loss limit reached"u8,
        RiskRule.MaxLoss => "overall loss limit reached"u8,
        RiskRule.TrailingDrawdown => "trailing drawdown limit reached"u8,
        RiskRule.OrdersPerSecond => "order budget: the broker's (and SEBI's) orders per second are used up"u8,
        RiskRule.OrdersPerMinute => "order budget: the broker's orders per minute are used up"u8,
        RiskRule.OrdersPerDay => "order budget: the broker's orders per day are used up"u8,
        _ => "unknown rule"u8,
    };

    /// <summary>The rule's name in snake case, as status and reports show it.</summary>
    public static string Name(RiskRule rule) => rule switch
    {
        RiskRule.None => "none",
        RiskRule.KillSwitch => "kill_switch",
        RiskRule.MarketSession => "market_session",
        RiskRule.NotTradable => "not_tradable",
        RiskRule.Sizing => "sizing",
        RiskRule.Flattened => "flattened",
        RiskRule.Halted => "halted",
        RiskRule.ReducingOnly => "reducing_only",
        RiskRule.CoolOff => "cool_off",
        RiskRule.CircuitBand => "circuit_band",
        RiskRule.FatFinger => "fat_finger",
        RiskRule.MarketProtection => "market_protection",
        RiskRule.OrderQuantity => "order_quantity",
        RiskRule.OrderValue => "order_value",
        RiskRule.PositionValue => "position_value",
        RiskRule.SectorExposure => "sector_exposure",
        RiskRule.OpenPositions => "open_positions",
        RiskRule.GrossExposure => "gross_exposure",
        RiskRule.NetExposure => "net_exposure",
        RiskRule.DailyLoss => "daily_loss",
        RiskRule.MaxLoss => "max_loss",
        RiskRule.TrailingDrawdown => "trailing_drawdown",
        RiskRule.OrdersPerSecond => "orders_per_second",
        RiskRule.OrdersPerMinute => "orders_per_minute",
        RiskRule.OrdersPerDay => "orders_per_day",
        _ => "unknown",
    };
}
