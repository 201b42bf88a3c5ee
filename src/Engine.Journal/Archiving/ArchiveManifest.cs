using System.Text.Json;
using Engine.Journal.Format;

namespace Engine.Journal.Archiving;

/// <summary>
/// The <c>ARCHIVED</c> file in a journal folder: one JSON line per segment moved out by the archive
/// command. Nothing is deleted by the engine; archived segments are moved, and this list lets the
/// remaining chain be verified (and the archive folder too, when given).
/// </summary>
public static class ArchiveManifest
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The entries, in segment order; empty when nothing was archived.</summary>
    public static IReadOnlyList<ArchiveEntry> Load(string folder)
    {
        string path = Path.Combine(folder, JournalFormat.ArchiveManifest);
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<ArchiveEntry>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            entries.Add(JsonSerializer.Deserialize<ArchiveEntry>(text, s_json)
                ?? throw new JournalException($"{path}, line {line}: not an archive entry."));
        }

        return entries.OrderBy(e => e.Segment).ToList();
    }

    /// <summary>Appends entries (and fsyncs).</summary>
    public static void Append(string folder, IEnumerable<ArchiveEntry> entries)
    {
        string path = Path.Combine(folder, JournalFormat.ArchiveManifest);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.Write(JsonSerializer.Serialize(entry, s_json));
                writer.Write('\n');
            }
        }

        stream.Flush(flushToDisk: true);
    }
}
