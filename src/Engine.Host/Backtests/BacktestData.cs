using Engine.Core.Instruments;
using Engine.Core.Time;

namespace Engine.Host.Backtests;

/// <summary>
/// The bars a backtest runs over. <c>--data FILE</c> is one instrument's bars: the instrument is
/// <c>--instrument</c>, or the file's name as <c>engine history</c> writes it
/// (<c>EXCHANGE-SYMBOL-INTERVAL.csv</c>). <c>--data DIR</c> reads every <c>.csv</c> and
/// <c>.json</c> file in it named that way. Bars outside <c>--from</c>..<c>--until</c> (IST days) are left out.
/// </summary>
public static class BacktestData
{
    /// <summary>Loads the series; <paramref name="notes"/> hears about skipped rows.</summary>
    public static IReadOnlyList<BarSeries> Load(string path, string? instrumentKey, IReadOnlyList<Instrument> instruments, SessionCalendar calendar, DateOnly? from, DateOnly? until, Action<string> notes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(notes);
        var byKey = new Dictionary<string, Instrument>(StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in instruments)
        {
            byKey.TryAdd(instrument.Key, instrument);
        }

        var files = new List<(string File, Instrument Instrument)>();
        if (Directory.Exists(path))
        {
            if (instrumentKey is not null)
            {
                throw new FormatException("--instrument names the instrument of one --data FILE; a folder's files are named EXCHANGE-SYMBOL-INTERVAL.csv");
            }

            foreach (string file in Directory.EnumerateFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                files.Add((file, FromName(file, byKey) ?? throw new FormatException($"--data: '{Path.GetFileName(file)}' in {path} is not named EXCHANGE-SYMBOL-INTERVAL.csv (or .json) after an instrument in the instruments file, as engine history writes it")));
            }

            if (files.Count == 0)
            {
                throw new FormatException($"--data: '{path}' holds no .csv or .json bar files");
            }
        }
        else if (File.Exists(path))
        {
            var instrument = instrumentKey is not null
                ? (byKey.TryGetValue(instrumentKey.Trim(), out var named) ? named : throw new FormatException($"--instrument: '{instrumentKey}' is not in the instruments file (EXCHANGE:SYMBOL, e.g. NSE:INFY)"))
                : FromName(path, byKey) ?? throw new FormatException($"--data: which instrument are the bars in '{Path.GetFileName(path)}' of? Give --instrument EXCHANGE:SYMBOL, or name the file EXCHANGE-SYMBOL-INTERVAL.csv as engine history does");
            files.Add((path, instrument));
        }
        else
        {
            throw new FileNotFoundException($"--data: '{path}' is neither a file nor a folder.", path);
        }

        var series = new List<BarSeries>();
        foreach (var (file, instrument) in files)
        {
            if (series.Any(s => s.Instrument.InstrumentToken == instrument.InstrumentToken))
            {
                throw new FormatException($"--data: two files hold bars of {instrument.Key} ('{Path.GetFileName(file)}' and '{Path.GetFileName(series.First(s => s.Instrument.InstrumentToken == instrument.InstrumentToken).Source)}'); keep one interval per instrument");
            }

            var content = BarFile.Read(file, calendar.Open);
            if (content.Skipped > 0)
            {
                notes($"{Path.GetFileName(file)}: {content.Skipped} rows skipped (first: {content.FirstProblem})");
            }

            var bars = content.Bars.Where(b => InRange(b.TimeNs, from, until)).ToArray();
            if (bars.Length == 0)
            {
                notes($"{Path.GetFileName(file)}: no bars of {instrument.Key} in the range; left out");
                continue;
            }

            series.Add(new BarSeries(instrument, bars, content.Daily, content.Daily ? 0 : SpanOf(bars), file));
        }

        if (series.Count == 0)
        {
            throw new FormatException($"--data: no bars in {path} between {from?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the start"} and {until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the end"}");
        }

        return series;
    }

    // EXCHANGE-SYMBOL-INTERVAL: a symbol may hold dashes (BAJAJ-AUTO), the exchange and interval do not.
    private static Instrument? FromName(string file, Dictionary<string, Instrument> byKey)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        int first = name.IndexOf('-', StringComparison.Ordinal);
        int last = name.LastIndexOf('-');
        if (first <= 0 || last <= first)
        {
            return null;
        }

        string key = $"{name[..first]}:{name[(first + 1)..last].Replace('_', ' ')}";
        return byKey.TryGetValue(key, out var instrument) ? instrument : null;
    }

    private static bool InRange(long timeNs, DateOnly? from, DateOnly? until)
    {
        var day = DateOnly.FromDateTime(UnixTime.ToIst(timeNs).DateTime);
        return (from is null || day >= from) && (until is null || day <= until);
    }

    // The most common gap between consecutive bars of one day: a missing bar or the overnight gap does not count.
    private static long SpanOf(HistoricalBar[] bars)
    {
        var gaps = new Dictionary<long, int>();
        for (int i = 1; i < bars.Length; i++)
        {
            long gap = bars[i].TimeNs - bars[i - 1].TimeNs;
            if (gap > 0 && gap < 86_400_000_000_000L && DayOf(bars[i].TimeNs) == DayOf(bars[i - 1].TimeNs))
            {
                gaps[gap] = gaps.GetValueOrDefault(gap) + 1;
            }
        }

        return gaps.Count == 0 ? 60_000_000_000L : gaps.OrderByDescending(g => g.Value).ThenBy(g => g.Key).First().Key;
    }

    private static DateOnly DayOf(long timeNs) => DateOnly.FromDateTime(UnixTime.ToIst(timeNs).DateTime);
}
