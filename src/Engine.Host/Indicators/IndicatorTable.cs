using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Indicators;

namespace Engine.Host.Indicators;

/// <summary>
/// Runs indicators bar by bar over a quote series through the engine's own incremental code and
/// writes one row per bar: CSV with a <c>date</c> column and the output fields (named as the
/// reference results name them, prefixed with the spec when several indicators run), or JSON.
/// Warm-up values are empty (CSV) or null (JSON).
/// </summary>
public sealed class IndicatorTable(IReadOnlyList<string> specs)
{
    private readonly List<(string Spec, IIndicator Indicator)> _indicators = specs.Select(s => (s, IndicatorSpecs.Create(s))).ToList();

    /// <summary>The column names after <c>date</c>.</summary>
    public IReadOnlyList<string> Columns => _indicators.Count == 1
        ? _indicators[0].Indicator.Fields
        : _indicators.SelectMany(i => i.Indicator.Fields.Select(f => $"{i.Spec}.{f}")).ToList();

    /// <summary>Every bar's outputs: null where an output is still warming up.</summary>
    public IReadOnlyList<double?[]> Run(IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var rows = new List<double?[]>(bars.Count);
        int columns = _indicators.Sum(i => i.Indicator.Fields.Count);
        foreach (var bar in bars)
        {
            var row = new double?[columns];
            int column = 0;
            foreach (var (_, indicator) in _indicators)
            {
                indicator.Update(bar);
                for (int field = 0; field < indicator.Fields.Count; field++)
                {
                    row[column++] = indicator.TryGet(field, out double value) ? value : null;
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Writes CSV.</summary>
    public void WriteCsv(TextWriter output, IReadOnlyList<Bar> bars, IReadOnlyList<double?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        bool intraday = QuotesCsv.IsIntraday(bars);
        output.Write("date");
        foreach (string column in Columns)
        {
            output.Write(',');
            output.Write(column.Contains(',', StringComparison.Ordinal) ? $"\"{column}\"" : column);
        }

        output.Write('\n');
        var line = new StringBuilder();
        for (int i = 0; i < bars.Count; i++)
        {
            line.Clear().Append(QuotesCsv.FormatTime(bars[i].TimeNs, intraday));
            foreach (double? value in rows[i])
            {
                line.Append(',');
                if (value is { } v)
                {
                    line.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            output.Write(line.Append('\n'));
        }
    }

    /// <summary>Writes a JSON array of objects, one per bar.</summary>
    public void WriteJson(Stream output, IReadOnlyList<Bar> bars, IReadOnlyList<double?[]> rows)
    {
        bool intraday = QuotesCsv.IsIntraday(bars);
        var columns = Columns;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        for (int i = 0; i < bars.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("date", QuotesCsv.FormatTime(bars[i].TimeNs, intraday));
            for (int c = 0; c < columns.Count; c++)
            {
                if (rows[i][c] is { } v)
                {
                    json.WriteNumber(columns[c], v);
                }
                else
                {
                    json.WriteNull(columns[c]);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
