using Engine.Core.Bars;

namespace Engine.Core.Strategies.Builtin;

/// <summary>Parameters of <see cref="MomentumSelection"/>.</summary>
public sealed class MomentumSelectionParameters
{
    /// <summary>The bars it ranks on.</summary>
    public BarPeriod BarPeriod { get; set; } = BarPeriod.Day;

    /// <summary>Rate of change look-back, in bars.</summary>
    public int RocPeriods { get; set; } = 20;

    /// <summary>ADX length.</summary>
    public int AdxPeriods { get; set; } = 14;

    /// <summary>Trend strength required: ADX above this.</summary>
    public double MinAdx { get; set; } = 20;

    /// <summary>Bars over which turnover (close x volume) is averaged.</summary>
    public int TurnoverPeriods { get; set; } = 20;

    /// <summary>Liquidity required: average turnover per bar at least this, in rupees.</summary>
    public double MinAverageTurnover { get; set; } = 10_000_000;

    /// <summary>ATR length used to normalise momentum.</summary>
    public int AtrPeriods { get; set; } = 14;

    /// <summary>How many names to hold (at most 8, so a rebalance fits in one event).</summary>
    public int TopN { get; set; } = 5;

    /// <summary>Rebalance every this many bars.</summary>
    public int RebalanceEvery { get; set; } = 5;

    /// <summary>Trading symbols never to select (the exchange's ASM/GSM lists).</summary>
    public string[] Excluded { get; set; } = [];

    /// <summary>The suggested stop for entries, in ATRs below the close.</summary>
    public double StopAtr { get; set; } = 3;
}
