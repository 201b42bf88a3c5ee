using Engine.Journal.Format;
using Engine.Journal.Reading;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>A record as a test writes it, and generators of realistic streams of them.</summary>
internal sealed record TestRecord(RecordType Type, long Sequence, long TimestampNs, byte[] Payload)
{
    public bool Matches(in JournalRecord r) =>
        r.Type == Type && r.Sequence == Sequence && r.TimestampNs == TimestampNs && r.Header.Version == 1 && r.Payload.Span.SequenceEqual(Payload);

    private static readonly RecordType[] Kinds = [RecordType.Tick, RecordType.Tick, RecordType.Tick, RecordType.OrderUpdate, RecordType.BrokerText, RecordType.SignalIntent, RecordType.OrderRequest];

    /// <summary>Inputs with contiguous sequences, outputs carrying their input's sequence, times increasing.</summary>
    public static Gen<TestRecord[]> Stream(int maxRecords = 300) =>
        from count in Gen.Choose(0, maxRecords)
        from kinds in Gen.ArrayOf(Gen.Elements(Kinds), count)
        from sizes in Gen.ArrayOf(Gen.Choose(0, 240), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(kinds, sizes, seed);

    public static TestRecord[] Build(RecordType[] kinds, int[] sizes, int seed)
    {
        var random = new Random(seed);
        var records = new TestRecord[kinds.Length];
        long sequence = -1;
        long time = 1_700_000_000_000_000_000L;
        for (int i = 0; i < kinds.Length; i++)
        {
            var type = kinds[i];
            var info = RecordSchema.Types[type];
            if (info.Direction == RecordDirection.Input || sequence < 0)
            {
                type = info.Direction == RecordDirection.Input ? type : RecordType.Tick;
                info = RecordSchema.Types[type];
                sequence++;
            }

            time += random.Next(1, 5_000_000);
            var payload = new byte[info.FixedSize + sizes[i]];
            random.NextBytes(payload);
            records[i] = new TestRecord(type, sequence, time, payload);
        }

        return records;
    }
}
