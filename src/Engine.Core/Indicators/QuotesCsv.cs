using System.Globalization;
using System.Text;

namespace Engine.Core.Indicators;

/// <summary>
/// Reads quote files (<c>date,open,high,low,close,volume</c>, any column order, header names in any
/// case, <c>timestamp</c> for <c>date</c>, with or without a byte-order mark) into bars sorted by
/// time. Dates may be ISO (with or without time and offset), <c>MM/dd/yyyy</c>, <c>M/d/yyyy</c> or
/// <c>MM/dd/yy</c>; times without an offset are read as IST. An empty or unparsable number counts
/// as 0; a row without a date is skipped and reported; an unparsable date is an error naming the line.
/// </summary>
public static class QuotesCsv
{
    private static readonly string[] s_dateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yy", "M/d/yy", "MM/dd/yyyy HH:mm", "M/d/yyyy HH:mm", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy H:mm",
    ];

    private static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);

    /// <summary>Reads a file; <paramref name="warn"/> hears about rows that were skipped.</summary>
    public static IReadOnlyList<Bar> Load(string path, Action<string>? warn = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Quotes file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, warn);
    }

    /// <summary>Reads quotes from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<Bar> Parse(TextReader reader, string source = "quotes", Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new FormatException($"{source}: the file is empty; expected a header like 'date,open,high,low,close,volume'.");
        }

        var names = header.Trim().TrimStart('\uFEFF').Split(',').Select(n => n.Trim().ToLowerInvariant()).ToList();
        int date = IndexOf(names, source, "date", "timestamp", "datetime", "time");
        int open = IndexOf(names, source, "open");
        int high = IndexOf(names, source, "high");
        int low = IndexOf(names, source, "low");
        int close = IndexOf(names, source, "close");
        int volume = IndexOf(names, source, "volume");

        var rows = new List<(long Time, int Line, Bar Bar)>();
        var undated = new List<int>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length <= Math.Max(date, Math.Max(Math.Max(open, high), Math.Max(low, Math.Max(close, volume)))))
            {
                throw new FormatException($"{source}, line {lineNumber}: {fields.Length} columns; the header has {names.Count}.");
            }

            if (fields[date].Trim().Length == 0)
            {
                undated.Add(lineNumber);
                continue;
            }

            long time = ParseTime(fields[date].Trim(), source, lineNumber);
            rows.Add((time, lineNumber, new Bar(time, Number(fields[open]), Number(fields[high]), Number(fields[low]), Number(fields[close]), Number(fields[volume]))));
        }

        if (undated.Count > 0)
        {
            warn?.Invoke($"{source}: skipped {undated.Count} rows without a date (lines {Ranges(undated)}).");
        }

        // Sorted by time; rows with the same time keep their file order.
        return rows.OrderBy(r => r.Time).ThenBy(r => r.Line).Select(r => r.Bar).ToList();
    }

    /// <summary>A bar's time as the file would have written it: IST, with the time of day only when the series has one.</summary>
    public static string FormatTime(long timeNs, bool intraday)
    {
        var ist = DateTimeOffset.FromUnixTimeMilliseconds(timeNs / 1_000_000).ToOffset(Ist);
        return intraday
            ? ist.ToString(ist.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : ist.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>True when any bar has a time of day other than midnight IST.</summary>
    public static bool IsIntraday(IReadOnlyList<Bar> bars) =>
        bars.Any(b => DateTimeOffset.FromUnixTimeMilliseconds(b.TimeNs / 1_000_000).ToOffset(Ist).TimeOfDay != TimeSpan.Zero);

    private static string Ranges(List<int> lines)
    {
        var parts = new List<string>();
        for (int i = 0; i < lines.Count;)
        {
            int j = i;
            while (j + 1 < lines.Count && lines[j + 1] == lines[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{lines[i]}" : $"{lines[i]}-{lines[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    private static int IndexOf(List<string> names, string source, params string[] candidates)
    {
        foreach (string candidate in candidates)
        {
            int index = names.IndexOf(candidate);
            if (index >= 0)
            {
                return index;
            }
        }

        throw new FormatException($"{source}: the header has no '{candidates[0]}' column (columns: {string.Join(",", names)}).");
    }

    private static double Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : 0;

    private static long ParseTime(string text, string source, int line)
    {
        if (DateTime.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (new DateTimeOffset(local, Ist).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        }

        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return (withOffset.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        }

        throw new FormatException($"{source}, line {line}: '{text}' is not a date (expected yyyy-MM-dd, MM/dd/yyyy or ISO 8601).");
    }
}
