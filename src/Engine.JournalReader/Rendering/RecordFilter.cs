using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.JournalTool.Rendering;

/// <summary>Which records <c>dump</c>, <c>export</c> and <c>tail</c> show: by type, instrument, sequence range and time range.</summary>
public sealed class RecordFilter
{
    /// <summary>Types to keep; all when empty.</summary>
    public HashSet<RecordType> Types { get; init; } = [];

    /// <summary>Instrument tokens to keep; all when empty.</summary>
    public HashSet<uint> Tokens { get; init; } = [];

    /// <summary>First sequence.</summary>
    public long FromSequence { get; init; } = long.MinValue;

    /// <summary>Last sequence.</summary>
    public long ToSequence { get; init; } = long.MaxValue;

    /// <summary>First time, Unix ns.</summary>
    public long FromTimeNs { get; init; } = long.MinValue;

    /// <summary>Last time, Unix ns.</summary>
    public long ToTimeNs { get; init; } = long.MaxValue;

    /// <summary>True when <paramref name="record"/> passes every filter.</summary>
    public bool Accepts(in JournalRecord record)
    {
        if (Types.Count > 0 && !Types.Contains(record.Type))
        {
            return false;
        }

        if (record.Sequence < FromSequence || record.Sequence > ToSequence || record.TimestampNs < FromTimeNs || record.TimestampNs > ToTimeNs)
        {
            return false;
        }

        return Tokens.Count == 0 || (RecordRenderer.InstrumentToken(record) is { } token && Tokens.Contains(token));
    }

    /// <summary>Reads a comma-separated list of type names; an unknown one is an error listing the known.</summary>
    public static HashSet<RecordType> ParseTypes(string? list)
    {
        var types = new HashSet<RecordType>();
        foreach (string name in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!RecordSchema.TryParse(name, out var type))
            {
                throw new FormatException($"Unknown record type '{name}'; known types: {string.Join(", ", RecordSchema.Types.Values.Select(t => t.Name))}.");
            }

            types.Add(type);
        }

        return types;
    }
}
