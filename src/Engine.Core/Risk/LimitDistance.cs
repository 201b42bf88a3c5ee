namespace Engine.Core.Risk;

/// <summary>
/// How far one limit is from being reached: what is used of it and the limit itself, in the
/// limit's unit (paise, or a count). 24 bytes, so a snapshot's distances pack tightly in a slot.
/// </summary>
public struct LimitDistance
{
    /// <summary>Which limit.</summary>
    public RiskLimit Limit;

    /// <summary>Safe, caution, critical or violated.</summary>
    public LimitStatus Status;

    /// <summary>What is used: a loss, a fall, a value, or a count.</summary>
    public long Used;

    /// <summary>The limit (greater than zero).</summary>
    public long Max;

    /// <summary>What is left before the limit (0 once reached).</summary>
    public readonly long Remaining => Math.Max(0, Max - Used);

    /// <summary>What is left as a percentage of the limit.</summary>
    public readonly double RemainingPercent => Max <= 0 ? 0 : Remaining * 100.0 / Max;

    /// <summary>True when the limit is measured in paise (the others count orders, positions or trades).</summary>
    public readonly bool IsMoney => Limit is RiskLimit.DailyLoss or RiskLimit.MaxLoss or RiskLimit.TrailingDrawdown or RiskLimit.GrossExposure or RiskLimit.NetExposure;

    /// <summary>The status of <paramref name="used"/> of <paramref name="max"/> against the thresholds (fractions of the limit).</summary>
    public static LimitStatus StatusOf(long used, long max, double caution, double critical)
    {
        if (max <= 0)
        {
            return LimitStatus.Off;
        }

        double share = (double)used / max;
        return share >= 1 ? LimitStatus.Violated : share >= critical ? LimitStatus.Critical : share >= caution ? LimitStatus.Caution : LimitStatus.Safe;
    }
}
