namespace Engine.Core.Risk;

/// <summary>Loss lines, net of charges. Money in paise; 0 turns a line off.</summary>
public sealed record LossLimits
{
    /// <summary>Today's net loss in rupees (paise here).</summary>
    public long DailyLoss { get; init; }

    /// <summary>Today's net loss as a percentage of the day's starting equity.</summary>
    public double DailyLossPercent { get; init; }

    /// <summary>When the trading day begins again, IST: the daily loss resets and a halt lifts.</summary>
    public TimeOnly DailyResetTime { get; init; } = new(9, 0);

    /// <summary>The net loss since the start, whatever the day.</summary>
    public long MaxLoss { get; init; }

    /// <summary>The fall of equity from its high-water mark.</summary>
    public long TrailingDrawdown { get; init; }

    /// <summary>Whether the drawdown counts open positions' marks (true) or realised P&amp;L only.</summary>
    public bool DrawdownIncludesUnrealized { get; init; } = true;

    /// <summary>Losing round trips in a row before a cool-off (0: off).</summary>
    public int MaxConsecutiveLosses { get; init; }

    /// <summary>How long no entry passes after that many losses, in market time.</summary>
    public TimeSpan CoolOff { get; init; } = TimeSpan.FromMinutes(15);
}
