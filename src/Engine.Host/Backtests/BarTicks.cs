using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Time;

namespace Engine.Host.Backtests;

/// <summary>
/// Turns one instrument's bars into the ticks a live feed would have sent: four per bar, spread
/// evenly over the bar (a daily bar over the session from the open to the square-off), at the
/// open, then the low and the high (the high first on a falling bar), then the close, so the
/// engine's own bars of the same period rebuild the source bars. Each tick carries a quarter of
/// the bar's volume, the day's open, high, low, traded volume and VWAP so far, and the previous
/// day's close, as a full-mode Kite packet does; prices are rounded to the instrument's tick.
/// The ticks carry no depth, so the paper broker fills at the last price, within its share of the volume.
/// </summary>
public sealed class BarTicks
{
    /// <summary>Ticks made from each bar.</summary>
    public const int PerBar = 4;

    private readonly BarSeries _series;
    private readonly long _tickSize;
    private readonly int _divisor;
    private readonly long _dailySpanNs;
    private int _bar;
    private int _step;
    private DateOnly _day;
    private long _dayOpen, _dayHigh, _dayLow, _dayVolume, _previousClose, _lastPrice;
    private decimal _dayValue;

    /// <summary>Ticks for <paramref name="series"/>; daily bars span <paramref name="calendar"/>'s open to its square-off.</summary>
    public BarTicks(BarSeries series, SessionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(calendar);
        _series = series;
        _tickSize = Math.Max(1, series.Instrument.TickSizeUnits);
        _divisor = series.Instrument.PriceDivisor;
        _dailySpanNs = (long)(calendar.SquareOff - calendar.Open).TotalMilliseconds * 1_000_000;
        NextTimeNs = series.Bars.Count > 0 ? TimeOf(0, 0) : long.MaxValue;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument => _series.Instrument;

    /// <summary>False once every bar has been turned into ticks.</summary>
    public bool HasNext => _bar < _series.Bars.Count;

    /// <summary>The next tick's time (Unix ns), or <see cref="long.MaxValue"/> when done.</summary>
    public long NextTimeNs { get; private set; }

    /// <summary>Writes the next tick into <paramref name="tick"/> (every field set) and moves on.</summary>
    public void Next(ref Tick tick)
    {
        var bar = _series.Bars[_bar];
        long time = NextTimeNs;
        var day = DateOnly.FromDateTime(UnixTime.ToIst(time).DateTime);
        long price = Wire(_step switch
        {
            0 => bar.Open,
            1 => bar.Close >= bar.Open ? bar.Low : bar.High,
            2 => bar.Close >= bar.Open ? bar.High : bar.Low,
            _ => bar.Close,
        }, bar);
        if (day != _day || _lastPrice == 0)
        {
            _previousClose = _lastPrice == 0 ? price : _lastPrice;
            _day = day;
            _dayOpen = _dayHigh = _dayLow = price;
            _dayVolume = 0;
            _dayValue = 0;
        }

        long quantity = bar.Volume / PerBar + (_step == PerBar - 1 ? bar.Volume % PerBar : 0);
        _dayVolume = Math.Min(int.MaxValue, _dayVolume + quantity);
        _dayValue += (decimal)price * quantity;
        _dayHigh = Math.Max(_dayHigh, price);
        _dayLow = Math.Min(_dayLow, price);
        _lastPrice = price;
        long seconds = time / 1_000_000_000;
        tick = default;
        tick.InstrumentToken = Instrument.InstrumentToken;
        tick.Segment = Instrument.Segment;
        tick.Mode = TickMode.Full;
        tick.LastPrice = price;
        tick.LastTradedQuantity = Math.Min(int.MaxValue, quantity);
        tick.AverageTradedPrice = _dayVolume == 0 ? price : (long)decimal.Round(_dayValue / _dayVolume);
        tick.VolumeTraded = _dayVolume;
        tick.Open = _dayOpen;
        tick.High = _dayHigh;
        tick.Low = _dayLow;
        tick.Close = _previousClose;
        tick.IndexChange = price - _previousClose;
        tick.LastTradeTime = seconds;
        tick.ExchangeTimestamp = seconds;

        if (++_step == PerBar)
        {
            _step = 0;
            _bar++;
        }

        NextTimeNs = HasNext ? TimeOf(_bar, _step) : long.MaxValue;
    }

    private long TimeOf(int bar, int step)
    {
        long span = _series.Daily ? _dailySpanNs : _series.BarSpanNs;
        // Whole seconds: Kite's packets carry exchange time in seconds.
        long offset = span * step / PerBar / 1_000_000_000 * 1_000_000_000;
        return _series.Bars[bar].TimeNs + offset;
    }

    private long Wire(decimal rupees, HistoricalBar bar)
    {
        decimal units = decimal.Round(rupees * _divisor / _tickSize, MidpointRounding.AwayFromZero) * _tickSize;
        if (units > int.MaxValue || units < 1)
        {
            throw new FormatException($"--data {Path.GetFileName(_series.Source)}: the bar at {UnixTime.ToIst(bar.TimeNs):yyyy-MM-dd HH:mm} IST has a price of {rupees}, outside what a Kite packet carries (1 tick to {int.MaxValue / (decimal)_divisor:0} for {Instrument.Key})");
        }

        return (long)units;
    }
}
