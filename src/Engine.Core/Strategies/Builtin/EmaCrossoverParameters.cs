using Engine.Core.Bars;

namespace Engine.Core.Strategies.Builtin;

/// <summary>Parameters of <see cref="EmaCrossover"/> (configuration names in snake_case).</summary>
public sealed class EmaCrossoverParameters
{
    /// <summary>Fast EMA length, in bars.</summary>
    public int FastPeriods { get; set; } = 9;

    /// <summary>Slow EMA length, in bars; longer than the fast one.</summary>
    public int SlowPeriods { get; set; } = 21;

    /// <summary>The bars it trades on.</summary>
    public BarPeriod BarPeriod { get; set; } = BarPeriod.FiveMinutes;

    /// <summary>ATR length for strength and stops.</summary>
    public int AtrPeriods { get; set; } = 14;

    /// <summary>The suggested stop, in ATRs from the close.</summary>
    public double StopAtr { get; set; } = 2;
}
