using BenchmarkDotNet.Attributes;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Kite.Ticks;

namespace Engine.Benchmarks.Journal;

/// <summary>Reading sealed segments of simulated full-mode ticks and decoding every packet, as a replay does.</summary>
[MemoryDiagnoser]
public class JournalReadBenchmarks
{
    private const int Ticks = 500_000;
    private string _folder = "";

    /// <summary>Writes and seals the tick journal.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("bench-journal-read-").FullName;
        SimulatedTickJournal.Write(_folder, Ticks, 16L << 20);
    }

    /// <summary>Deletes the journal.</summary>
    [GlobalCleanup]
    public void TearDown() => Directory.Delete(_folder, true);

    /// <summary>Every record read, CRC-checked and its tick decoded.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public long ReadAndDecode()
    {
        var tick = default(Tick);
        long sum = 0;
        foreach (var record in JournalReader.Open(_folder).Read(new JournalReadOptions { ReuseBuffers = true, VerifyFrameChecksum = false }))
        {
            TickDecoder.TryDecode(record.Payload.Span[InputRecordCodec.PrefixSize..], ref tick);
            sum += tick.LastPrice;
        }

        return sum;
    }
}
