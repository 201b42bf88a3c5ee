using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Writing;

namespace Engine.Tests.Journal;

/// <summary>A temporary journal folder, deleted afterwards, with helpers to write and read it.</summary>
internal sealed class JournalFolder : IDisposable
{
    public JournalFolder() => Path = Directory.CreateTempSubdirectory("journal-").FullName;

    public string Path { get; }

    public static JournalWriterOptions Options(string folder, long segmentBytes = 64L << 20, DurabilityMode durability = DurabilityMode.Batch, bool seal = true) => new()
    {
        Folder = folder,
        SegmentBytes = segmentBytes,
        Durability = durability,
        SealRolledSegments = seal,
        SealOnClose = seal,
        BufferBytes = 64 * 1024,
    };

    public JournalWriter Open(long segmentBytes = 64L << 20, bool seal = true) => JournalWriter.Open(Options(Path, segmentBytes, seal: seal));

    public static void Write(JournalWriter writer, IEnumerable<TestRecord> records, int batch = 7)
    {
        int n = 0;
        foreach (var r in records)
        {
            writer.Append(r.Type, 1, r.Sequence, r.TimestampNs, r.Payload);
            if (++n % batch == 0)
            {
                writer.EndOfBatch();
            }
        }

        writer.EndOfBatch();
    }

    public List<JournalRecord> ReadAll(List<RecordDamage>? damage = null) =>
        JournalReader.Open(Path).Read(new JournalReadOptions { OnDamage = d => damage?.Add(d) }).ToList();

    public IReadOnlyList<SegmentFile> Segments => SegmentFile.List(Path);

    public string ActiveSegmentPath => Segments.Single(s => !s.Sealed).Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
        }
    }
}
