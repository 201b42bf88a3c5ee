using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Writing;
using Engine.Kite.Instruments;
using Engine.Kite.Ticks;
using Engine.Sim.Market;

namespace Engine.Benchmarks.Journal;

/// <summary>A journal of simulated full-mode ticks over the shipped instruments, for the journal's read benchmarks.</summary>
public static class SimulatedTickJournal
{
    /// <summary>Writes <paramref name="ticks"/> tick records into a new journal in <paramref name="folder"/>, rolling segments at <paramref name="segmentBytes"/>.</summary>
    public static void Write(string folder, int ticks, long segmentBytes)
    {
        string instruments = Path.Combine(BenchmarkData.RepositoryRoot(), "config", "instruments.csv");
        var models = KiteInstrumentsCsv.Load(instruments).Select(i => new InstrumentModel(i, 42, 200)).ToArray();
        var payload = new byte[InputRecordCodec.PrefixSize + TickPacket.MaxLength];
        var tick = default(Tick);
        using var writer = JournalWriter.Open(new JournalWriterOptions { Folder = folder, Durability = DurabilityMode.None, SegmentBytes = segmentBytes });
        for (int n = 0; n < ticks; n++)
        {
            models[n % models.Length].Step(1_763_000_000 + (n / models.Length / 200), ref tick);
            int length = TickEncoder.EncodePacket(tick, payload.AsSpan(InputRecordCodec.PrefixSize));
            writer.Append(RecordType.Tick, 1, n, n * 5_000L, payload.AsSpan(0, InputRecordCodec.PrefixSize + length));
        }
    }
}
