namespace Engine.JournalTool.Rendering;

/// <summary>CSV fields as spreadsheets expect them (RFC 4180 quoting).</summary>
public static class Csv
{
    /// <summary>Joins fields into one line, quoting where needed.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Quote));

    /// <summary>Quotes a field that holds a comma, quote or line break.</summary>
    public static string Quote(string? value)
    {
        value ??= "";
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
