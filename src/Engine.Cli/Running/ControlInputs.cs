using System.Diagnostics;
using Engine.Core.Events;
using Engine.Core.Time;
using Engine.Ring;

namespace Engine.Cli.Running;

/// <summary>
/// Publishes the engine's own inputs (session timers and operator commands) into the ring, as one
/// more producer beside the ticker connections. They are journaled like ticks, so a replay meets
/// them at exactly the same point.
/// </summary>
public sealed class ControlInputs(RingBuffer<RingEvent> ring, long sequenceBase)
{
    /// <summary>Publishes a timer for market time <paramref name="marketTimeNs"/>; returns its input sequence.</summary>
    public long PublishTimer(TimerKind timer, long marketTimeNs)
    {
        long sequence = ring.Next();
        ref var slot = ref ring[sequence];
        Reset(ref slot, sequence, EventKind.Timer);
        slot.Timer = timer;
        slot.Argument = marketTimeNs;
        slot.TextLength = 0;
        ring.Publish(sequence);
        return slot.InputSequence;
    }

    /// <summary>Publishes an operator command; <paramref name="reason"/> says who or what issued it. Returns its input sequence.</summary>
    public long PublishCommand(CommandKind command, long argument, string reason)
    {
        long sequence = ring.Next();
        ref var slot = ref ring[sequence];
        long input = sequenceBase + sequence;
        Reset(ref slot, sequence, EventKind.Command);
        slot.Command = command;
        slot.Argument = argument;
        slot.SetText(System.Text.Encoding.UTF8.GetBytes(reason));
        ring.Publish(sequence);
        return input;
    }

    private void Reset(ref RingEvent slot, long sequence, EventKind kind)
    {
        slot.Kind = kind;
        slot.InputSequence = sequenceBase + sequence;
        slot.ReceiveTimestampNs = UnixTime.NowNanoseconds();
        slot.PublishedTicks = Stopwatch.GetTimestamp();
        slot.Connection = 0;
        slot.PacketIndex = 0;
        slot.FrameId = 0;
        slot.RawLength = 0;
        slot.Timer = TimerKind.None;
        slot.Command = CommandKind.None;
        slot.IntentCount = 0;
    }
}
