using BenchmarkDotNet.Attributes;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Writing;
using Engine.Kite.Instruments;
using Engine.Kite.Ticks;
using Engine.Sim.Market;

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
        string instruments = Path.Combine(BenchmarkData.RepositoryRoot(), "config", "instruments.csv");
        var models = KiteInstrumentsCsv.Load(instruments).Select(i => new InstrumentModel(i, 42, 200)).ToArray();
        var payload = new byte[InputRecordCodec.PrefixSize + TickPacket.MaxLength];
        var tick = default(Tick);
        using var writer = JournalWriter.Open(new JournalWriterOptions { Folder = _folder, Durability = DurabilityMode.None, SegmentBytes = 16L << 20 });
        for (int n = 0; n < Ticks; n++)
        {
            models[n % models.Length].Step(1_763_000_000 + (n / models.Length / 200), ref tick);
            int length = TickEncoder.EncodePacket(tick, payload.AsSpan(InputRecordCodec.PrefixSize));
            writer.Append(RecordType.Tick, 1, n, n * 5_000L, payload.AsSpan(0, InputRecordCodec.PrefixSize + length));
        }
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
