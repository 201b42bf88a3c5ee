namespace Engine.Core.Indicators;

/// <summary>
/// Moving average convergence/divergence: MACD = EMA(fast) - EMA(slow), signal = EMA(signal) of
/// MACD (seeded like any EMA), histogram = MACD - signal. MACD from input <c>slow</c>, signal from
/// input <c>slow + signal - 1</c>.
/// </summary>
public sealed class Macd : IIndicator
{
    private static readonly string[] s_fields = ["macd", "signal", "histogram", "fastEma", "slowEma"];
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Ema _signal;

    /// <summary>Creates MACD(<paramref name="fastPeriods"/>, <paramref name="slowPeriods"/>, <paramref name="signalPeriods"/>), usually (12, 26, 9).</summary>
    public Macd(int fastPeriods = 12, int slowPeriods = 26, int signalPeriods = 9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriods, fastPeriods);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriods, 1);
        _fast = new Ema(fastPeriods);
        _slow = new Ema(slowPeriods);
        _signal = new Ema(signalPeriods);
    }

    /// <summary>Fast EMA minus slow EMA.</summary>
    public double Value => _fast.Value - _slow.Value;

    /// <summary>The signal line.</summary>
    public double Signal => _signal.Value;

    /// <summary>MACD minus signal.</summary>
    public double Histogram => Value - Signal;

    /// <summary>True once MACD is valid.</summary>
    public bool IsMacdReady => _slow.IsReady;

    /// <inheritdoc/>
    public bool IsReady => _signal.IsReady;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        _fast.Update(value);
        _slow.Update(value);
        if (_slow.IsReady)
        {
            _signal.Update(Value);
        }
    }

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        (value, bool ready) = field switch
        {
            0 => (Value, _slow.IsReady),
            1 => (Signal, IsReady),
            2 => (Histogram, IsReady),
            3 => (_fast.Value, _fast.IsReady),
            _ => (_slow.Value, _slow.IsReady),
        };
        return ready;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
    }
}
