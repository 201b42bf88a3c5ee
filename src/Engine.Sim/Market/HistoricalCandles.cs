using System.Globalization;
using System.Text;
using Engine.Core.Instruments;

namespace Engine.Sim.Market;

/// <summary>
/// The simulator's Kite historical endpoint (<c>GET /instruments/historical/{token}/{interval}</c>):
/// candles for weekday sessions (09:15 to 15:30 IST), each minute a pure function of the instrument,
/// the seed and its own timestamp, so a range split into several requests gives exactly the candles
/// one request would. Longer intervals aggregate the minutes from 09:15. Kite's per-request range
/// caps and its 3 requests a second are enforced as Kite reports them.
/// </summary>
public sealed class HistoricalCandles(ulong seed)
{
    private const int SessionMinutes = 375;
    private static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);
    private readonly Queue<long> _recent = new();
    private readonly object _gate = new();

    /// <summary>True when a fourth request inside one second (at <paramref name="nowTicks"/>, Stopwatch ticks) must be refused.</summary>
    public bool RateLimited(long nowTicks)
    {
        lock (_gate)
        {
            while (_recent.Count > 0 && nowTicks - _recent.Peek() >= System.Diagnostics.Stopwatch.Frequency)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= 3)
            {
                return true;
            }

            _recent.Enqueue(nowTicks);
            return false;
        }
    }

    /// <summary>Kite's JSON for <paramref name="instrument"/>'s candles from <paramref name="from"/> to <paramref name="to"/> (IST wall times, inclusive), or the error it would give.</summary>
    public (int Status, string Json) Answer(Instrument instrument, string interval, string? from, string? to, bool oi)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!Engine.Kite.Rest.KiteHistoricalIntervals.All.TryGetValue(interval, out var spec))
        {
            return (400, Error("InputException", $"invalid interval: {interval}"));
        }

        if (!TryParse(from, out var start) || !TryParse(to, out var end) || end < start)
        {
            return (400, Error("InputException", "from and to must be yyyy-mm-dd hh:mm:ss, with from before to"));
        }

        if ((end - start).TotalDays > spec.MaxDays)
        {
            return (400, Error("InputException", $"interval exceeds max limit: {spec.MaxDays} days"));
        }

        var json = new StringBuilder("{\"status\":\"success\",\"data\":{\"candles\":[");
        bool first = true;
        foreach (var candle in Candles(instrument, spec.Minutes, start, end))
        {
            json.Append(first ? "" : ",").Append("[\"").Append(candle.Time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append("+0530\",")
                .Append(Number(candle.Open)).Append(',').Append(Number(candle.High)).Append(',').Append(Number(candle.Low)).Append(',').Append(Number(candle.Close)).Append(',')
                .Append(candle.Volume.ToString(CultureInfo.InvariantCulture));
            if (oi)
            {
                json.Append(",0");
            }

            json.Append(']');
            first = false;
        }

        return (200, json.Append("]}}").ToString());
    }

    private IEnumerable<(DateTime Time, decimal Open, decimal High, decimal Low, decimal Close, long Volume)> Candles(Instrument instrument, int minutes, DateTime start, DateTime end)
    {
        for (var day = start.Date; day <= end.Date; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var open = day.AddHours(9).AddMinutes(15);
            for (int bucket = 0; bucket < SessionMinutes; bucket += minutes)
            {
                var at = open.AddMinutes(bucket);
                if (at < start || at > end)
                {
                    continue;
                }

                decimal o = 0, h = 0, l = 0, c = 0;
                long volume = 0;
                for (int m = bucket; m < Math.Min(bucket + minutes, SessionMinutes); m++)
                {
                    var one = Minute(instrument, open.AddMinutes(m));
                    o = m == bucket ? one.Open : o;
                    h = m == bucket ? one.High : Math.Max(h, one.High);
                    l = m == bucket ? one.Low : Math.Min(l, one.Low);
                    c = one.Close;
                    volume += one.Volume;
                }

                yield return (at, o, h, l, c, volume);
            }
        }
    }

    // One minute from its own timestamp: a slow swing around the instrument's price plus noise;
    // the open is the previous minute's close, so the candles join up.
    private (decimal Open, decimal High, decimal Low, decimal Close, long Volume) Minute(Instrument instrument, DateTime at)
    {
        long minute = (long)(new DateTimeOffset(at, Ist).ToUnixTimeSeconds() / 60);
        decimal tick = instrument.TickSize > 0 ? instrument.TickSize : 0.05m;
        decimal close = PriceAt(instrument, minute, tick);
        decimal open = PriceAt(instrument, minute - 1, tick);
        ulong noise = Mix((ulong)minute ^ ((ulong)instrument.InstrumentToken << 20) ^ seed);
        decimal wick = Round(close * 0.0008m * ((noise & 0xFF) / 255m), tick);
        return (open, Math.Max(open, close) + wick, Math.Min(open, close) - Round(close * 0.0008m * (((noise >> 8) & 0xFF) / 255m), tick), close, 500 + (long)((noise >> 16) % 5000));
    }

    private decimal PriceAt(Instrument instrument, long minute, decimal tick)
    {
        decimal basePrice = instrument.LastPrice > 0 ? instrument.LastPrice : 100m;
        double swing = 0.04 * Math.Sin(minute / 3000.0) + 0.015 * Math.Sin(minute / 211.0);
        double noise = ((Mix((ulong)minute * 31 ^ instrument.InstrumentToken ^ seed) % 10_000) / 10_000.0 - 0.5) * 0.004;
        return Round(basePrice * (decimal)(1 + swing + noise), tick);
    }

    private static decimal Round(decimal price, decimal tick) => Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static bool TryParse(string? text, out DateTime time) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // Kite's error envelope, written by the exchange's JSON writer, so a query's text is escaped.
    private static string Error(string type, string message) => Encoding.UTF8.GetString(Exchange.SimExchange.ErrorJson(type, message));
}
