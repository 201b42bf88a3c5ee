using BenchmarkDotNet.Attributes;
using Engine.Core.Events;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Kite.Ticks;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// The replay producer's own work per record, on one thread and without the ring's hand-off:
/// walking a loaded segment (header, length and CRC checks) and filling a slot from each tick
/// record (decode and raw copy), over as many slots as the engine's default ring. The two-thread
/// <c>bench pipeline</c> swings with where the host places its threads; this runs on one, so it
/// is the figure to compare when the producer's path changes. Run it as the engine runs, without
/// tiered compilation (under tiered PGO its inlining, and so its figures, differed by 2.4x between two equivalent call shapes):
/// <c>DOTNET_TieredCompilation=0 dotnet bench/Engine.Benchmarks/bin/Release/net10.0/Engine.Benchmarks.dll --filter '*ReplayProducer*' --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ReplayProducerBenchmarks
{
    private const int Ticks = 200_000;
    private string _folder = "";
    private SegmentContent _segment = null!;
    private RingEvent[] _slots = [];
    private readonly JournalReadOptions _options = new() { ReuseBuffers = true, VerifyFrameChecksum = false };

    /// <summary>Writes one unsealed segment of simulated full-mode ticks and loads it.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("bench-replay-producer-").FullName;
        SimulatedTickJournal.Write(_folder, Ticks, 256L << 20);
        var file = SegmentFile.List(_folder)[0];
        _segment = SegmentContent.Load(file, null, verifyFrameChecksum: false);
        _slots = new RingEvent[4096];
    }

    /// <summary>Deletes the journal.</summary>
    [GlobalCleanup]
    public void TearDown() => Directory.Delete(_folder, true);

    /// <summary>Each record found whole: length, bounds and CRC-32C.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public long WalkRecords()
    {
        var cursor = new SegmentRecordCursor(_segment, _options, isActive: false);
        long sum = 0;
        while (cursor.TryNext(out RecordHeader header, out ReadOnlySpan<byte> payload))
        {
            sum += header.Sequence + payload.Length;
        }

        return sum;
    }

    /// <summary>Each record walked and its tick decoded into the next slot with its bytes as received, as a replay into a journalling pipeline does before publishing.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public long WalkAndFillSlots() => Fill(keepRawBytes: true);

    /// <summary>The same without the bytes as received, as <c>engine replay</c> and the benchmarks do (no journaller reads them).</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public long WalkAndFillSlotsWithoutRawBytes() => Fill(keepRawBytes: false);

    private long Fill(bool keepRawBytes)
    {
        var cursor = new SegmentRecordCursor(_segment, _options, isActive: false);
        var slots = _slots;
        long sum = 0;
        int next = 0;
        while (cursor.TryNext(out RecordHeader header, out ReadOnlySpan<byte> payload))
        {
            ref var slot = ref slots[next];
            next = (next + 1) & (slots.Length - 1);
            if (InputRecordCodec.TryFill(header.Type, header.Sequence, header.TimestampNs, payload, ref slot, TickDecoder.TryDecode, null, keepRawBytes))
            {
                sum += slot.Tick.LastPrice;
            }
        }

        return sum;
    }
}
