using System.Buffers.Binary;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Core.Orders;

namespace Engine.Journal.Format;

/// <summary>
/// Input records to and from ring slots: a tick record is the packet as received plus its frame
/// and position; text records are the frame's bytes; timers and operator commands are small
/// fixed layouts. The layouts are the schema's.
/// </summary>
public static class InputRecordCodec
{
    /// <summary>Bytes before a tick record's packet, or a text record's text.</summary>
    public const int PrefixSize = 12;

    /// <summary>A timer record's payload size.</summary>
    public const int TimerSize = 16;

    /// <summary>Bytes before a command record's reason text.</summary>
    public const int CommandPrefixSize = 16;

    /// <summary>Bytes before an order reply record's body.</summary>
    public const int ReplyPrefixSize = 32;

    /// <summary>The record type for a slot, or <see cref="RecordType.None"/> for slots the journal does not record as inputs.</summary>
    public static RecordType TypeOf(EventKind kind) => kind switch
    {
        EventKind.Tick => RecordType.Tick,
        EventKind.Undecodable => RecordType.UndecodablePacket,
        EventKind.OrderUpdate => RecordType.OrderUpdate,
        EventKind.BrokerText => RecordType.BrokerText,
        EventKind.Timer => RecordType.Timer,
        EventKind.Command => RecordType.Command,
        EventKind.OrderReply => RecordType.OrderReply,
        _ => RecordType.None,
    };

    /// <summary>Payload bytes a slot's input record needs.</summary>
    public static int PayloadLength(in RingEvent slot) => slot.Kind switch
    {
        EventKind.Tick or EventKind.Undecodable => PrefixSize + slot.RawLength,
        EventKind.Timer => TimerSize,
        EventKind.Command => CommandPrefixSize + slot.TextLength,
        EventKind.OrderReply => ReplyPrefixSize + slot.TextLength,
        _ => PrefixSize + slot.TextLength,
    };

    /// <summary>Writes a slot's input payload.</summary>
    public static void Write(Span<byte> payload, in RingEvent slot)
    {
        if (slot.Kind == EventKind.OrderReply)
        {
            WriteReply(payload, slot.Reply);
            slot.TextBytes.CopyTo(payload[ReplyPrefixSize..]);
            return;
        }

        if (slot.Kind is EventKind.Timer or EventKind.Command)
        {
            WriteControl(payload, slot.Kind == EventKind.Timer ? (ushort)slot.Timer : (ushort)slot.Command, slot.Argument);
            if (slot.Kind == EventKind.Command)
            {
                slot.TextBytes.CopyTo(payload[CommandPrefixSize..]);
            }

            return;
        }

        if (slot.Kind is EventKind.Tick or EventKind.Undecodable)
        {
            WriteFramePrefix(payload, slot.FrameId, slot.Connection, slot.PacketIndex);
            slot.RawBytes.CopyTo(payload[PrefixSize..]);
        }
        else
        {
            WriteFramePrefix(payload, slot.FrameId, slot.Connection, 0);
            slot.TextBytes.CopyTo(payload[PrefixSize..]);
        }
    }

    /// <summary>The 12 bytes before a tick packet or text frame: frame id, connection, zero, packet index.</summary>
    public static void WriteFramePrefix(Span<byte> payload, long frameId, byte connection, ushort packetIndex)
    {
        BinaryPrimitives.WriteInt64LittleEndian(payload, frameId);
        payload[8] = connection;
        payload[9] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(payload[10..], packetIndex);
    }

    /// <summary>An order reply's fixed part (<see cref="ReplyPrefixSize"/> bytes); the body follows.</summary>
    public static void WriteReply(Span<byte> payload, in OrderReply reply)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(payload, reply.ClientOrderId);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[8..], reply.BrokerOrderId);
        payload[16] = (byte)reply.Action;
        payload[17] = (byte)reply.Outcome;
        payload[18] = (byte)reply.Error;
        payload[19] = 0;
        BinaryPrimitives.WriteInt16LittleEndian(payload[20..], reply.HttpStatus);
        BinaryPrimitives.WriteInt16LittleEndian(payload[22..], reply.Attempt);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], reply.LatencyNs);
    }

    /// <summary>Reads an order reply's fixed part.</summary>
    public static OrderReply ReadReply(ReadOnlySpan<byte> payload) => new()
    {
        ClientOrderId = BinaryPrimitives.ReadUInt64LittleEndian(payload),
        BrokerOrderId = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]),
        Action = (OrderAction)payload[16],
        Outcome = (ReplyOutcome)payload[17],
        Error = (BrokerError)payload[18],
        HttpStatus = BinaryPrimitives.ReadInt16LittleEndian(payload[20..]),
        Attempt = BinaryPrimitives.ReadInt16LittleEndian(payload[22..]),
        LatencyNs = BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
    };

    /// <summary>A timer's payload (<see cref="TimerSize"/> bytes): its kind and the market time it is for.</summary>
    public static void WriteTimer(Span<byte> payload, TimerKind timer, long marketTimeNs) => WriteControl(payload, (ushort)timer, marketTimeNs);

    private static void WriteControl(Span<byte> payload, ushort what, long argument)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(payload, what);
        payload[2..8].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], argument);
    }

    /// <summary>
    /// Fills a ring slot from an input record, re-decoding tick packets with <paramref name="decoder"/>
    /// and order updates with <paramref name="parseOrder"/>. False for records that are not inputs a ring carries.
    /// With <paramref name="keepRawBytes"/> false, a packet's bytes as received are not copied into
    /// <see cref="RingEvent.Raw"/> (its <see cref="RingEvent.RawLength"/> is 0): only a journaller
    /// reads them, so a replay that writes no journal spares the copy and a third of the slot's lines.
    /// </summary>
    public static bool TryFill(RecordType type, long sequence, long timestampNs, ReadOnlySpan<byte> payload, ref RingEvent slot, TickPacketDecoder decoder, OrderTextParser? parseOrder = null, bool keepRawBytes = true)
    {
        slot.InputSequence = sequence;
        slot.ReceiveTimestampNs = timestampNs;
        if (type is RecordType.Timer or RecordType.Command)
        {
            return TryFillControl(type, payload, ref slot);
        }

        if (type == RecordType.OrderReply)
        {
            if (payload.Length < ReplyPrefixSize)
            {
                return false;
            }

            slot.Kind = EventKind.OrderReply;
            slot.FrameId = 0;
            slot.Connection = 0;
            slot.PacketIndex = 0;
            slot.RawLength = 0;
            slot.Reply = ReadReply(payload);
            slot.SetText(payload[ReplyPrefixSize..]);
            return true;
        }

        if (payload.Length < PrefixSize)
        {
            return false;
        }

        slot.FrameId = BinaryPrimitives.ReadInt64LittleEndian(payload);
        slot.Connection = payload[8];
        var body = payload[PrefixSize..];
        switch (type)
        {
            case RecordType.Tick:
                if (body.Length > RawPacket.Capacity || !decoder(body, ref slot.Tick))
                {
                    return false;
                }

                slot.Kind = EventKind.Tick;
                slot.PacketIndex = BinaryPrimitives.ReadUInt16LittleEndian(payload[10..]);
                if (keepRawBytes)
                {
                    body.CopyTo(slot.Raw);
                    slot.RawLength = body.Length;
                }
                else
                {
                    slot.RawLength = 0;
                }

                return true;
            case RecordType.UndecodablePacket:
                if (body.Length > RawPacket.Capacity)
                {
                    return false;
                }

                slot.Kind = EventKind.Undecodable;
                slot.PacketIndex = BinaryPrimitives.ReadUInt16LittleEndian(payload[10..]);
                body.CopyTo(slot.Raw);
                slot.RawLength = body.Length;
                return true;
            case RecordType.OrderUpdate:
            case RecordType.BrokerText:
                slot.Kind = type == RecordType.OrderUpdate ? EventKind.OrderUpdate : EventKind.BrokerText;
                slot.PacketIndex = 0;
                slot.RawLength = 0;
                slot.SetText(body);
                slot.Order = default;
                if (type == RecordType.OrderUpdate && (parseOrder is null || !parseOrder(body, out slot.Order)))
                {
                    slot.Kind = EventKind.BrokerText;
                }

                return true;
            default:
                return false;
        }
    }

    private static bool TryFillControl(RecordType type, ReadOnlySpan<byte> payload, ref RingEvent slot)
    {
        if (payload.Length < (type == RecordType.Timer ? TimerSize : CommandPrefixSize))
        {
            return false;
        }

        ushort what = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        slot.FrameId = 0;
        slot.Connection = 0;
        slot.PacketIndex = 0;
        slot.RawLength = 0;
        slot.Argument = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]);
        if (type == RecordType.Timer)
        {
            slot.Kind = EventKind.Timer;
            slot.Timer = (TimerKind)what;
            slot.Command = CommandKind.None;
            slot.TextLength = 0;
        }
        else
        {
            slot.Kind = EventKind.Command;
            slot.Command = (CommandKind)what;
            slot.Timer = TimerKind.None;
            slot.SetText(payload[CommandPrefixSize..]);
        }

        return true;
    }
}
