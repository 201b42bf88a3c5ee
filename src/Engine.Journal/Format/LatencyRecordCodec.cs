using System.Buffers.Binary;
using Engine.Core.Events;
using Engine.Core.Orders;

namespace Engine.Journal.Format;

/// <summary>
/// The latency record: one input's <see cref="StageStamps"/>, and for an order's answer the hops
/// of the request it answers, in monotonic nanoseconds of the process that wrote it. A meta
/// record: never replayed, never compared, so stamping changes no decision and no replay.
/// </summary>
public static class LatencyRecordCodec
{
    /// <summary>The payload's size.</summary>
    public const int Size = 72;

    /// <summary>Writes <paramref name="slot"/>'s stamps into <paramref name="payload"/> (<see cref="Size"/> bytes).</summary>
    public static void Write(Span<byte> payload, in RingEvent slot)
    {
        ref readonly var stamps = ref slot.Stamps;
        bool reply = slot.Kind == EventKind.OrderReply && slot.Reply.HandedTicks != 0;
        BinaryPrimitives.WriteInt64LittleEndian(payload, Nanoseconds(stamps.Received));
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], Nanoseconds(stamps.Published));
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], Nanoseconds(stamps.Decided));
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], Nanoseconds(stamps.Judged));
        BinaryPrimitives.WriteInt64LittleEndian(payload[32..], Nanoseconds(stamps.Journaled));
        BinaryPrimitives.WriteInt64LittleEndian(payload[40..], reply ? Nanoseconds(slot.Reply.HandedTicks) : 0);
        BinaryPrimitives.WriteInt64LittleEndian(payload[48..], reply ? Nanoseconds(slot.Reply.SentTicks) : 0);
        BinaryPrimitives.WriteInt64LittleEndian(payload[56..], reply ? Nanoseconds(slot.Reply.AnsweredTicks) : 0);
        BinaryPrimitives.WriteInt64LittleEndian(payload[64..], reply ? slot.Reply.CauseSequence : -1);
    }

    /// <summary>Reads a latency record's payload.</summary>
    /// <exception cref="JournalException">The payload is shorter than the layout.</exception>
    public static LatencyStamps Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Size)
        {
            throw new JournalException($"a latency record has {payload.Length} bytes; its layout needs {Size}");
        }

        return new LatencyStamps(
            BinaryPrimitives.ReadInt64LittleEndian(payload),
            BinaryPrimitives.ReadInt64LittleEndian(payload[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[40..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[56..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[64..]));
    }

    private static long Nanoseconds(long ticks) => ticks == 0 ? 0 : StageStamps.ToNanoseconds(ticks);
}
