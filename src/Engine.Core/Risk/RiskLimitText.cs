namespace Engine.Core.Risk;

/// <summary>Limits, their statuses and trading states in snake-case words, as status, reports and the journal reader show them.</summary>
public static class RiskLimitText
{
    /// <summary>The limit's name.</summary>
    public static string Name(RiskLimit limit) => limit switch
    {
        RiskLimit.DailyLoss => "daily_loss",
        RiskLimit.MaxLoss => "max_loss",
        RiskLimit.TrailingDrawdown => "trailing_drawdown",
        RiskLimit.GrossExposure => "gross_exposure",
        RiskLimit.NetExposure => "net_exposure",
        RiskLimit.OpenPositions => "open_positions",
        RiskLimit.OrdersPerSecond => "orders_per_second",
        RiskLimit.OrdersPerMinute => "orders_per_minute",
        RiskLimit.OrdersPerDay => "orders_per_day",
        RiskLimit.ConsecutiveLosses => "consecutive_losses",
        _ => "none",
    };

    /// <summary>The status's name: off, safe, caution, critical, violated.</summary>
    public static string Name(LimitStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The state's name: active, reducing, halted.</summary>
    public static string Name(TradingState state) => state.ToString().ToLowerInvariant();
}
