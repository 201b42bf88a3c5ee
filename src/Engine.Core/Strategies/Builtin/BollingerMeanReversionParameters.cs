using Engine.Core.Bars;

namespace Engine.Core.Strategies.Builtin;

/// <summary>Parameters of <see cref="BollingerMeanReversion"/>.</summary>
public sealed class BollingerMeanReversionParameters
{
    /// <summary>Band length, in bars.</summary>
    public int Periods { get; set; } = 20;

    /// <summary>Band width, in standard deviations.</summary>
    public double Deviations { get; set; } = 2;

    /// <summary>The bars it trades on.</summary>
    public BarPeriod BarPeriod { get; set; } = BarPeriod.FiveMinutes;
}
