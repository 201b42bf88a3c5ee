using BenchmarkDotNet.Attributes;
using Engine.Journal.Format;
using Engine.Journal.Writing;

namespace Engine.Benchmarks.Journal;

/// <summary>Appending 200-byte records in batches of 64 (a ring batch), per durability mode.</summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int Batch = 64;
    private readonly byte[] _payload = new byte[200 - JournalFormat.RecordOverhead];
    private string _folder = "";
    private JournalWriter? _writer;
    private long _sequence;

    /// <summary>The durability mode.</summary>
    [Params(DurabilityMode.None, DurabilityMode.Batch, DurabilityMode.Fsync, DurabilityMode.Interval)]
    public DurabilityMode Durability { get; set; }

    /// <summary>Opens a writer in a fresh folder.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("bench-journal-").FullName;
        _writer = JournalWriter.Open(new JournalWriterOptions { Folder = _folder, Durability = Durability, SealRolledSegments = false, SealOnClose = false });
    }

    /// <summary>Closes and deletes the journal.</summary>
    [GlobalCleanup]
    public void TearDown()
    {
        _writer?.Dispose();
        Directory.Delete(_folder, true);
    }

    /// <summary>64 records and the end of their batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void AppendBatchOf64()
    {
        var writer = _writer!;
        for (int i = 0; i < Batch; i++)
        {
            _payload.CopyTo(writer.BeginRecord(_payload.Length));
            writer.CommitRecord(RecordType.Tick, 1, _sequence, _sequence, _payload.Length);
            _sequence++;
        }

        writer.EndOfBatch();
    }
}
