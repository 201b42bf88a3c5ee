using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Wilder's directional movement. +DM and -DM (the larger of the up move and the down move, zero
/// for the other), true range; each summed over the first N bars then Wilder-smoothed
/// (S = S - S/N + x). +DI = 100 x +DM/TR, -DI likewise, from bar N+1; DX = 100 x |+DI - -DI| /
/// (+DI + -DI), from bar N+1 too; ADX = mean of the first N DX, then Wilder-smoothed, from bar 2N;
/// ADXR = the mean of ADX and ADX N−1 bars before, from bar 3N−1. Defined as 0 where there is no
/// range or no movement.
/// </summary>
public sealed class Adx : IIndicator
{
    private static readonly string[] s_fields = ["pdi", "mdi", "dx", "adx", "adxr"];
    private readonly int _periods;
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private int _bars;
    private double _trSum;
    private double _plusSum;
    private double _minusSum;
    private double _dxSum;
    private int _dxCount;

    // The last N ADX values, for ADXR: the one written N-1 bars ago is the next to be overwritten.
    private readonly double[] _adxHistory;
    private int _adxCount;
    private int _adxSlot;

    /// <summary>Creates ADX(<paramref name="lookbackPeriods"/>).</summary>
    public Adx(int lookbackPeriods = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
        _adxHistory = new double[lookbackPeriods];
    }

    /// <summary>DX, the directional index of this bar, valid from bar N+1.</summary>
    public double Dx { get; private set; }

    /// <summary>ADXR, valid when <see cref="IsAdxrReady"/>.</summary>
    public double Adxr { get; private set; }

    /// <summary>True once ADXR is valid (ADX has N values).</summary>
    public bool IsAdxrReady => _adxCount >= _periods;

    /// <summary>+DI, valid from bar N+1.</summary>
    public double PlusDi { get; private set; }

    /// <summary>-DI, valid from bar N+1.</summary>
    public double MinusDi { get; private set; }

    /// <summary>ADX (trend strength, 0 to 100), valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <summary>True once +DI and -DI are valid.</summary>
    public bool IsDiReady => _bars > _periods;

    /// <inheritdoc/>
    public bool IsReady => _dxCount >= _periods;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _bars++;
        if (_bars == 1)
        {
            Remember(bar);
            return;
        }

        double tr = TrueRange.Of(bar.High, bar.Low, _previousClose);
        double up = bar.High - _previousHigh;
        double down = _previousLow - bar.Low;
        double plus = up > down && up > 0 ? up : 0;
        double minus = down > up && down > 0 ? down : 0;
        Remember(bar);

        if (_bars <= _periods + 1)
        {
            _trSum += tr;
            _plusSum += plus;
            _minusSum += minus;
            if (_bars <= _periods)
            {
                return;
            }
        }
        else
        {
            _trSum += tr - (_trSum / _periods);
            _plusSum += plus - (_plusSum / _periods);
            _minusSum += minus - (_minusSum / _periods);
        }

        PlusDi = 100 * Ratio.Of(_plusSum, _trSum);
        MinusDi = 100 * Ratio.Of(_minusSum, _trSum);
        double dx = 100 * Ratio.Of(Math.Abs(PlusDi - MinusDi), PlusDi + MinusDi);
        Dx = dx;
        if (_dxCount < _periods)
        {
            _dxSum += dx;
            if (++_dxCount < _periods)
            {
                return;
            }

            Value = _dxSum / _periods;
        }
        else
        {
            Value = ((Value * (_periods - 1)) + dx) / _periods;
        }

        int slot = _adxSlot;
        _adxHistory[slot] = Value;
        _adxSlot = (slot + 1) % _periods;
        _adxCount = Math.Min(_adxCount + 1, _periods);
        if (_adxCount == _periods)
        {
            Adxr = (Value + _adxHistory[_adxSlot]) / 2;
        }
    }

    private void Remember(in Bar bar)
    {
        _previousHigh = bar.High;
        _previousLow = bar.Low;
        _previousClose = bar.Close;
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        (value, bool ready) = field switch
        {
            0 => (PlusDi, IsDiReady),
            1 => (MinusDi, IsDiReady),
            2 => (Dx, IsDiReady),
            3 => (Value, IsReady),
            _ => (Adxr, IsAdxrReady),
        };
        return ready;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _bars = 0;
        _trSum = _plusSum = _minusSum = _dxSum = 0;
        _dxCount = 0;
        _adxCount = _adxSlot = 0;
        Array.Clear(_adxHistory);
        PlusDi = MinusDi = Value = Dx = Adxr = 0;
    }
}
