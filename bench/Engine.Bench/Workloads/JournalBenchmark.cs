using System.Diagnostics;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Writing;
using Engine.Kite.Instruments;
using Engine.Kite.Ticks;
using Engine.Sim.Market;

namespace Engine.Bench.Workloads;

/// <summary>
/// The journal's figures: appending 200-byte records in every durability mode, reading and decoding
/// sealed tick segments, and how well a tick journal compresses (ticks from the simulator's market).
/// </summary>
public sealed class JournalBenchmark(string instrumentsFile, Action<string> progress)
{
    private const int RecordBytes = 200;
    private const int BatchSize = 64;

    /// <summary>The measured figures.</summary>
    public sealed record Result(IReadOnlyDictionary<string, double> AppendRecordsPerSecond, IReadOnlyDictionary<string, double> AppendAllocatedBytesPerRecord, double RawFileRecordsPerSecond, double ReadDecodeRecordsPerSecond, double ReadDecodeBestRecordsPerSecond, long TickRecords, double TickCompressionRatio, double SealMegabytesPerSecond);

    /// <summary>Runs every part; each append mode for about <paramref name="perMode"/>.</summary>
    public Result Run(TimeSpan perMode, int tickRecords)
    {
        var rates = new Dictionary<string, double>();
        var allocations = new Dictionary<string, double>();
        foreach (var mode in Enum.GetValues<DurabilityMode>())
        {
            var (rate, allocated) = Append(mode, perMode);
            string name = mode.ToString().ToLowerInvariant();
            rates[name] = rate;
            allocations[name] = allocated;
            progress($"journal append, durability {name}: {rate:N0} records/s of {RecordBytes} bytes, {allocated:F3} B allocated per record");
        }

        // The same-run baseline: the same bytes written to a plain file, handed to the OS once per
        // batch as the batch mode does, without framing, CRC, hash chain or segment rolls.
        double raw = RawFileAppend(perMode);
        progress($"plain file append, same bytes and batches: {raw:N0} records/s; the journal's batch mode is {rates["batch"] / raw:F2}x that");

        string folder = Directory.CreateTempSubdirectory("journal-bench-ticks-").FullName;
        try
        {
            var (ratio, sealRate) = WriteTickJournal(folder, tickRecords);
            progress($"tick journal: {tickRecords:N0} full-mode ticks sealed at {ratio:F2}:1 ({sealRate:N0} MB/s sealing)");
            // A shared virtual machine's memory and CPU come and go: several passes, median and best.
            var reads = Enumerable.Range(0, 5).Select(_ => ReadAndDecode(folder, tickRecords)).Order().ToArray();
            progress($"read and decode sealed tick segments: median {reads[2]:N0} records/s, best {reads[^1]:N0} (5 passes of {tickRecords:N0})");
            return new Result(rates, allocations, raw, reads[2], reads[^1], tickRecords, ratio, sealRate);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static (double Rate, double Allocated) Append(DurabilityMode mode, TimeSpan duration)
    {
        string folder = Directory.CreateTempSubdirectory("journal-bench-").FullName;
        try
        {
            using var writer = JournalWriter.Open(new JournalWriterOptions { Folder = folder, Durability = mode, SealRolledSegments = false, SealOnClose = false });
            var payload = new byte[RecordBytes - JournalFormat.RecordOverhead];
            long sequence = 0;
            for (int i = 0; i < 20_000; i++)
            {
                Write(writer, payload, ref sequence);
            }

            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = sequence;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                for (int i = 0; i < 1024; i++)
                {
                    Write(writer, payload, ref sequence);
                }
            }

            writer.Flush(toDisk: false);
            double seconds = clock.Elapsed.TotalSeconds;
            long records = sequence - start;
            return (records / seconds, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)records);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static double RawFileAppend(TimeSpan duration)
    {
        string folder = Directory.CreateTempSubdirectory("journal-bench-raw-").FullName;
        try
        {
            using var file = new FileStream(Path.Combine(folder, "plain.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            var record = new byte[RecordBytes];
            long records = 0;
            for (int i = 0; i < 20_000; i++)
            {
                file.Write(record);
            }

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                for (int i = 0; i < 1024; i++)
                {
                    file.Write(record);
                    if (++records % BatchSize == 0)
                    {
                        file.Flush();
                    }
                }
            }

            file.Flush();
            return records / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static void Write(JournalWriter writer, byte[] payload, ref long sequence)
    {
        payload.CopyTo(writer.BeginRecord(payload.Length));
        writer.CommitRecord(RecordType.Tick, 1, sequence, sequence, payload.Length);
        if (++sequence % BatchSize == 0)
        {
            writer.EndOfBatch();
        }
    }

    private (double Ratio, double SealMegabytesPerSecond) WriteTickJournal(string folder, int count)
    {
        var instruments = KiteInstrumentsCsv.Load(instrumentsFile);
        var models = instruments.Select(i => new InstrumentModel(i, 42, 200)).ToArray();
        var packet = new byte[InputRecordCodec.PrefixSize + TickPacket.MaxLength];
        var tick = default(Tick);
        long time = 1_763_000_000_000_000_000L;
        long raw;
        var sealClock = new Stopwatch();
        using (var writer = JournalWriter.Open(new JournalWriterOptions { Folder = folder, Durability = DurabilityMode.None, SealRolledSegments = false, SealOnClose = false }))
        {
            for (int n = 0; n < count; n++)
            {
                models[n % models.Length].Step(1_763_000_000 + (n / models.Length / 200), ref tick);
                int length = TickEncoder.EncodePacket(tick, packet.AsSpan(InputRecordCodec.PrefixSize));
                BitConverter.TryWriteBytes(packet, (long)(n / 40));
                packet[10] = (byte)(n % 40);
                time += 5_000 + (n % 7 * 1_000);
                writer.Append(RecordType.Tick, 1, n, time, packet.AsSpan(0, InputRecordCodec.PrefixSize + length));
            }

            writer.Flush(toDisk: false);
            raw = writer.BytesWritten;
        }

        long stored = 0;
        sealClock.Start();
        foreach (var segment in SegmentFile.List(folder))
        {
            SegmentFinisher.Seal(segment.Path);
        }

        sealClock.Stop();
        foreach (var segment in SegmentFile.List(folder))
        {
            stored += new FileInfo(segment.Path).Length;
        }

        return (raw / (double)stored, raw / 1e6 / sealClock.Elapsed.TotalSeconds);
    }

    private static double ReadAndDecode(string folder, int expected)
    {
        var clock = Stopwatch.StartNew();
        var tick = default(Tick);
        long records = 0;
        long checksum = 0;
        foreach (var record in JournalReader.Open(folder).Read(new JournalReadOptions { ReuseBuffers = true, VerifyFrameChecksum = false }))
        {
            if (TickDecoder.TryDecode(record.Payload.Span[InputRecordCodec.PrefixSize..], ref tick))
            {
                checksum += tick.LastPrice;
                records++;
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        if (records != expected || checksum == 0)
        {
            throw new InvalidOperationException($"read {records} tick records back, expected {expected}");
        }

        return records / seconds;
    }
}
