using Engine.Core.Bars;

namespace Engine.Core.Strategies.Builtin;

/// <summary>Parameters of <see cref="DonchianBreakout"/>.</summary>
public sealed class DonchianBreakoutParameters
{
    /// <summary>The channel: the previous N bars.</summary>
    public int Periods { get; set; } = 20;

    /// <summary>The bars it trades on.</summary>
    public BarPeriod BarPeriod { get; set; } = BarPeriod.FifteenMinutes;

    /// <summary>ATR length for strength and stops.</summary>
    public int AtrPeriods { get; set; } = 14;

    /// <summary>The suggested stop, in ATRs from the close.</summary>
    public double StopAtr { get; set; } = 2;
}
