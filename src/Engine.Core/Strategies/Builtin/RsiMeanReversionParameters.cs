using Engine.Core.Bars;

namespace Engine.Core.Strategies.Builtin;

/// <summary>Parameters of <see cref="RsiMeanReversion"/>.</summary>
public sealed class RsiMeanReversionParameters
{
    /// <summary>RSI length, in bars.</summary>
    public int Periods { get; set; } = 14;

    /// <summary>Below this the instrument is oversold.</summary>
    public double Oversold { get; set; } = 30;

    /// <summary>Above this it is overbought.</summary>
    public double Overbought { get; set; } = 70;

    /// <summary>The bars it trades on.</summary>
    public BarPeriod BarPeriod { get; set; } = BarPeriod.FiveMinutes;

    /// <summary>ATR length for stops.</summary>
    public int AtrPeriods { get; set; } = 14;

    /// <summary>The suggested stop, in ATRs from the close.</summary>
    public double StopAtr { get; set; } = 1.5;
}
