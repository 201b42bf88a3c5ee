using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Volume-weighted average price of the typical price (H+L+C)/3, anchored at each session (IST
/// trading day) or cumulative. Without volume yet, the typical price itself.
/// </summary>
public sealed class Vwap : IIndicator
{
    private static readonly string[] s_fields = ["vwap"];
    private const long NanosecondsPerDay = 86_400_000_000_000L;
    private const long IstOffsetNs = 19_800_000_000_000L;
    private readonly VwapAnchor _anchor;
    private double _turnover;
    private double _volume;
    private long _day = long.MinValue;
    private bool _started;

    /// <summary>Creates a VWAP.</summary>
    public Vwap(VwapAnchor anchor = VwapAnchor.Session) => _anchor = anchor;

    /// <summary>The average price.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _started;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        if (_anchor == VwapAnchor.Session)
        {
            long day = Math.DivRem(bar.TimeNs + IstOffsetNs, NanosecondsPerDay, out long rest) - (rest < 0 ? 1 : 0);
            if (day != _day)
            {
                _day = day;
                _turnover = 0;
                _volume = 0;
            }
        }

        double tp = bar.TypicalPrice;
        _turnover += tp * bar.Volume;
        _volume += bar.Volume;
        Value = Ratio.Of(_turnover, _volume, tp);
        _started = true;
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = Value;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _turnover = 0;
        _volume = 0;
        _day = long.MinValue;
        _started = false;
        Value = 0;
    }
}
