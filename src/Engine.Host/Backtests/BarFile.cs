using System.Globalization;
using System.Text;
using Engine.Core.Time;
using Engine.Kite.Rest;

namespace Engine.Host.Backtests;

/// <summary>
/// Reads a file of historical bars: CSV in the reference quotes format (a header naming
/// <c>date</c> or <c>timestamp</c>, <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, <c>volume</c>;
/// dates as <c>yyyy-MM-dd</c>, <c>yyyy-MM-dd HH:mm[:ss]</c> in IST, or ISO 8601 with an offset;
/// the cache <c>engine history</c> writes is one), or Kite's historical candles JSON. Rows with
/// an empty or unreadable field, or a high below the low, are skipped and counted; rows are sorted
/// by time and a repeated time keeps the last row. A daily bar starts at the session's open.
/// </summary>
public static class BarFile
{
    private static readonly string[] PriceColumns = ["open", "high", "low", "close", "volume"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "M/d/yyyy", "MM/dd/yyyy"];

    /// <summary>Reads <paramref name="path"/>; <paramref name="open"/> is the session's open time for daily bars.</summary>
    public static BarFileContent Read(string path, TimeOnly open)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--data: '{path}' does not exist.", path);
        }

        var rows = new SortedDictionary<long, HistoricalBar>();
        int skipped = 0;
        string? firstProblem = null;
        bool daily = true;
        void Skip(string problem)
        {
            skipped++;
            firstProblem ??= problem;
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            IReadOnlyList<KiteCandle> candles;
            try
            {
                candles = KiteRestClient.ReadCandles(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"--data: '{path}' is not Kite's historical candles JSON ({{\"data\":{{\"candles\":[[time, open, high, low, close, volume], ...]}}}}): {ex.Message}", ex);
            }

            foreach (var c in candles)
            {
                var ist = c.Time.ToOffset(UnixTime.IstOffset);
                bool dayBar = ist.TimeOfDay == TimeSpan.Zero;
                daily &= dayBar;
                long at = dayBar ? SessionCalendar.At(DateOnly.FromDateTime(ist.DateTime), open) : (c.Time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
                Add(rows, new HistoricalBar(at, c.Open, c.High, c.Low, c.Close, c.Volume), $"the candle at {c.Time:O}", Skip);
            }

            return new BarFileContent(path, [.. rows.Values], skipped, firstProblem, daily && rows.Count > 0);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new FormatException($"--data: '{path}' is empty.");
        }

        var names = header.Trim().TrimStart('\uFEFF').Split(',').Select(n => n.Trim().ToLowerInvariant()).ToList();
        int date = names.FindIndex(n => n is "date" or "timestamp" or "time" or "datetime");
        int[] columns = PriceColumns.Select(n => names.IndexOf(n)).ToArray();
        if (date < 0 || columns.Any(c => c < 0))
        {
            throw new FormatException($"--data: '{path}' line 1: the header needs date (or timestamp), open, high, low, close and volume columns; found '{header.Trim()}'.");
        }

        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] f = line.Split(',');
            if (f.Length < names.Count)
            {
                Skip($"line {lineNumber}: {f.Length} fields, the header names {names.Count}");
                continue;
            }

            if (!TryTime(f[date].Trim(), open, out long at, out bool dayBar))
            {
                Skip($"line {lineNumber}: '{f[date].Trim()}' is not a date");
                continue;
            }

            var values = new decimal[5];
            bool readable = true;
            for (int i = 0; i < 5 && readable; i++)
            {
                readable = decimal.TryParse(f[columns[i]].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
            }

            if (!readable)
            {
                Skip($"line {lineNumber}: an empty or unreadable price or volume");
                continue;
            }

            daily &= dayBar;
            Add(rows, new HistoricalBar(at, values[0], values[1], values[2], values[3], (long)Math.Floor(values[4])), $"line {lineNumber}", Skip);
        }

        return new BarFileContent(path, [.. rows.Values], skipped, firstProblem, daily && rows.Count > 0);
    }

    private static void Add(SortedDictionary<long, HistoricalBar> rows, HistoricalBar bar, string where, Action<string> skip)
    {
        if (bar.Open <= 0 || bar.High <= 0 || bar.Low <= 0 || bar.Close <= 0 || bar.Volume < 0)
        {
            skip($"{where}: a price of zero or less, or a negative volume");
            return;
        }

        if (bar.High < bar.Low || bar.Open > bar.High || bar.Open < bar.Low || bar.Close > bar.High || bar.Close < bar.Low)
        {
            skip($"{where}: open and close must lie between the low and the high");
            return;
        }

        rows[bar.TimeNs] = bar;
    }

    private static bool TryTime(string text, TimeOnly open, out long unixNs, out bool dayBar)
    {
        unixNs = 0;
        dayBar = false;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            dayBar = local.TimeOfDay == TimeSpan.Zero && !text.Contains(':', StringComparison.Ordinal);
            unixNs = dayBar ? SessionCalendar.At(DateOnly.FromDateTime(local), open) : SessionCalendar.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamped))
        {
            var ist = stamped.ToOffset(UnixTime.IstOffset);
            dayBar = ist.TimeOfDay == TimeSpan.Zero;
            unixNs = dayBar ? SessionCalendar.At(DateOnly.FromDateTime(ist.DateTime), open) : (stamped.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return true;
        }

        return false;
    }
}
