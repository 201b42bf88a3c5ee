using System.Globalization;
using System.Text;
using Engine.Core.Instruments;

namespace Engine.Kite.Instruments;

/// <summary>
/// Reads and writes Kite's instruments CSV (<c>GET /instruments</c>): columns
/// instrument_token, exchange_token, tradingsymbol, name, last_price, expiry, strike, tick_size,
/// lot_size, instrument_type, segment, exchange. Errors name the file, line, column and value.
/// </summary>
public static class KiteInstrumentsCsv
{
    /// <summary>The header, exactly as Kite sends it.</summary>
    public const string Header = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange";

    private static readonly string[] s_columns = Header.Split(',');

    /// <summary>Reads a file; throws <see cref="FormatException"/> naming the line and column at the first bad value.</summary>
    public static IReadOnlyList<Instrument> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Instruments file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    /// <summary>Reads instruments from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<Instrument> Parse(TextReader reader, string source = "instruments")
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new FormatException($"{source}: the file is empty; expected the header '{Header}'.");
        }

        var columns = SplitLine(header.Trim());
        if (!columns.SequenceEqual(s_columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException($"{source}, line 1: header is '{header.Trim()}'; expected '{Header}'.");
        }

        var instruments = new List<Instrument>();
        var seen = new Dictionary<uint, int>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = SplitLine(line);
            if (f.Count != s_columns.Length)
            {
                throw new FormatException($"{source}, line {lineNumber}: {f.Count} columns; expected {s_columns.Length} ({Header}).");
            }

            var instrument = new Instrument(
                ParseUInt(f, 0, source, lineNumber),
                ParseUInt(f, 1, source, lineNumber),
                Require(f, 2, source, lineNumber),
                f[3],
                ParseDecimal(f, 4, source, lineNumber),
                f[5].Length == 0 ? null : DateOnly.TryParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry) ? expiry
                    : throw Bad(source, lineNumber, 5, f[5], "a date yyyy-mm-dd or empty"),
                f[6].Length == 0 ? 0 : ParseDecimal(f, 6, source, lineNumber),
                ParseDecimal(f, 7, source, lineNumber),
                (int)ParseUInt(f, 8, source, lineNumber),
                f[9],
                Require(f, 10, source, lineNumber),
                Require(f, 11, source, lineNumber));

            var segment = Segments.Parse(instrument.SegmentName);
            if (segment != ExchangeSegment.Unknown && instrument.Segment != segment)
            {
                throw new FormatException(
                    $"{source}, line {lineNumber}: instrument_token {instrument.InstrumentToken} has segment code {instrument.InstrumentToken & 0xFF} ({instrument.Segment}) but the segment column says '{instrument.SegmentName}'.");
            }

            if (seen.TryGetValue(instrument.InstrumentToken, out int previous))
            {
                throw new FormatException($"{source}, line {lineNumber}: instrument_token {instrument.InstrumentToken} already appears on line {previous}.");
            }

            seen[instrument.InstrumentToken] = lineNumber;
            instruments.Add(instrument);
        }

        return instruments;
    }

    /// <summary>Writes instruments in Kite's format.</summary>
    public static void Write(TextWriter writer, IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(instruments);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var i in instruments)
        {
            writer.Write(string.Join(',',
                i.InstrumentToken.ToString(CultureInfo.InvariantCulture),
                i.ExchangeToken.ToString(CultureInfo.InvariantCulture),
                Quote(i.TradingSymbol),
                Quote(i.Name),
                i.LastPrice.ToString(CultureInfo.InvariantCulture),
                i.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                i.Strike.ToString(CultureInfo.InvariantCulture),
                i.TickSize.ToString(CultureInfo.InvariantCulture),
                i.LotSize.ToString(CultureInfo.InvariantCulture),
                i.InstrumentType,
                i.SegmentName,
                i.Exchange));
            writer.Write('\n');
        }
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }

    private static string Require(List<string> f, int column, string source, int line) =>
        f[column].Length > 0 ? f[column] : throw Bad(source, line, column, "", "a value");

    private static uint ParseUInt(List<string> f, int column, string source, int line) =>
        uint.TryParse(f[column], NumberStyles.None, CultureInfo.InvariantCulture, out uint value) ? value : throw Bad(source, line, column, f[column], "a whole number");

    private static decimal ParseDecimal(List<string> f, int column, string source, int line) =>
        decimal.TryParse(f[column], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) ? value : throw Bad(source, line, column, f[column], "a number");

    private static FormatException Bad(string source, int line, int column, string value, string expected) =>
        new($"{source}, line {line}, column {s_columns[column]}: '{value}' is not {expected}.");
}
