using System.Diagnostics;
using System.Runtime.CompilerServices;
using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Core.Inputs;

/// <summary>
/// The one door into the engine's ring. Every producer (ticker connections, session timers,
/// operator commands, order gateways with their acknowledgements, rejections and fills, a journal
/// replay) claims slots here, fills them in place and publishes them. The door stamps what every
/// input shares: its kind, its input sequence (the ring sequence plus the run's base, so sequences
/// continue across the runs of one journal), its receive time and the latency probe's publish
/// stamp; and it clears the header fields, so no input ever carries a previous lap's values.
/// Safe to call from any number of threads (the ring is multi-producer); nothing here allocates.
/// </summary>
/// <remarks>
/// Each kind's payload (the decoded tick, the order fields, the text) is valid only for that kind;
/// the door clears the small fields every kind reads and leaves the large payloads to the
/// producer that fills them. The input kinds and their fields are documented in
/// docs/ring-event.md.
/// </remarks>
public sealed class InputPublisher
{
    private readonly RingBuffer<RingEvent> _ring;

    /// <summary>
    /// Creates the door over <paramref name="ring"/>; input sequences start at
    /// <paramref name="sequenceBase"/>. With <paramref name="stampStages"/> every input carries
    /// <see cref="StageStamps"/> from its claim on, for the journal's latency records.
    /// </summary>
    public InputPublisher(RingBuffer<RingEvent> ring, long sequenceBase = 0, bool stampStages = false)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        SequenceBase = sequenceBase;
        StampsStages = stampStages;
        MaxBatch = Math.Max(1, ring.BufferSize / 4);
    }

    /// <summary>True when every input carries <see cref="StageStamps"/>.</summary>
    public bool StampsStages { get; }

    /// <summary>The input sequence of ring sequence 0: the journal's next sequence when the run started.</summary>
    public long SequenceBase { get; }

    /// <summary>The most slots one <see cref="ClaimBatch"/> may take (a quarter of the ring, so one producer never holds the whole ring).</summary>
    public int MaxBatch { get; }

    /// <summary>The input sequence the next claim would get if no other producer claims first (for status and tests).</summary>
    public long NextInputSequence => SequenceBase + _ring.Cursor + 1;

    /// <summary>
    /// Claims one slot for an input of <paramref name="kind"/> received at
    /// <paramref name="receiveTimestampNs"/>; waits for a free slot if the ring is full (nothing is
    /// dropped). Fill <see cref="InputClaim.Slot"/>, then <see cref="InputClaim.Publish"/>.
    /// </summary>
    public InputClaim Claim(EventKind kind, long receiveTimestampNs)
    {
        long sequence = _ring.Next();
        ref var slot = ref _ring[sequence];
        Begin(ref slot, sequence, kind, receiveTimestampNs);
        return new InputClaim(_ring, sequence, ref slot);
    }

    /// <summary>
    /// Claims one slot as <see cref="Claim"/> does if the ring has room, never waiting; false on a
    /// full ring. For a producer that holds claims unpublished: it must publish them before it waits
    /// for room, because no consumer can free room past a slot that is claimed and not published.
    /// </summary>
    public bool TryClaim(EventKind kind, long receiveTimestampNs, out InputClaim claim)
    {
        if (!_ring.TryNext(out long sequence))
        {
            claim = default;
            return false;
        }

        ref var slot = ref _ring[sequence];
        Begin(ref slot, sequence, kind, receiveTimestampNs);
        claim = new InputClaim(_ring, sequence, ref slot);
        return true;
    }

    /// <summary>
    /// Claims <paramref name="count"/> consecutive slots (at most <see cref="MaxBatch"/>) for the
    /// inputs of one frame; fill each with <see cref="InputBatch.Begin"/>, then publish them together.
    /// </summary>
    public InputBatch ClaimBatch(int count)
    {
        if (count < 1 || count > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A batch holds 1 to {MaxBatch} inputs.");
        }

        long hi = _ring.Next(count);
        return new InputBatch(this, hi - count + 1, count);
    }

    /// <summary>Publishes a session timer for market time <paramref name="marketTimeNs"/>; returns its input sequence.</summary>
    public long PublishTimer(TimerKind timer, long marketTimeNs, long receiveTimestampNs)
    {
        var claim = Claim(EventKind.Timer, receiveTimestampNs);
        claim.Slot.Timer = timer;
        claim.Slot.Argument = marketTimeNs;
        return claim.Publish();
    }

    /// <summary>Publishes an operator command; <paramref name="reasonUtf8"/> says who or what issued it. Returns its input sequence.</summary>
    public long PublishCommand(CommandKind command, long argument, ReadOnlySpan<byte> reasonUtf8, long receiveTimestampNs)
    {
        var claim = Claim(EventKind.Command, receiveTimestampNs);
        claim.Slot.Command = command;
        claim.Slot.Argument = argument;
        claim.Slot.SetText(reasonUtf8);
        return claim.Publish();
    }

    /// <summary>
    /// Publishes the claims <paramref name="firstRingSequence"/> to <paramref name="lastRingSequence"/>
    /// (their <see cref="InputClaim.RingSequence"/>), all made by the calling producer and not yet
    /// published: one wake-up of the stages for a run of inputs, as a replay at full speed does.
    /// </summary>
    /// <remarks>
    /// Every sequence in the range is published, so on a ring with other producers the range must
    /// hold no claim of theirs: one claimed between two of the caller's claims would be read before
    /// it is filled, and its own publish, arriving a lap late, would hide the slot's next input from
    /// every consumer. A producer that batches checks that each claim follows the last.
    /// </remarks>
    public void PublishRange(long firstRingSequence, long lastRingSequence) => Publish(firstRingSequence, lastRingSequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref RingEvent Slot(long sequence) => ref _ring[sequence];

    internal void Publish(long lo, long hi)
    {
        long published = Stopwatch.GetTimestamp();
        for (long s = lo; s <= hi; s++)
        {
            ref var slot = ref _ring[s];
            slot.PublishedTicks = published;
            if (slot.Stamped)
            {
                slot.Stamps.Published = published;
            }
        }

        _ring.Publish(lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Begin(ref RingEvent slot, long sequence, EventKind kind, long receiveTimestampNs)
    {
        slot.Kind = kind;
        slot.InputSequence = SequenceBase + sequence;
        slot.ReceiveTimestampNs = receiveTimestampNs;
        ClearHeader(ref slot);
        // The stamps' line is written only where stamping is on or was on for the slot's last
        // input; otherwise it stays untouched in whichever cache holds it.
        if (StampsStages | slot.Stamped)
        {
            slot.Stamps = default;
            slot.Stamped = StampsStages;
            if (StampsStages)
            {
                slot.Stamps.Received = StageStamps.Now();
            }
        }
    }

    /// <summary>
    /// Clears the small fields every input kind reads, so no input carries a previous one's values:
    /// what the door does for every claim, and what any other hand-off of reused slots must do too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClearHeader(ref RingEvent slot)
    {
        slot.Connection = 0;
        slot.PacketIndex = 0;
        slot.FrameId = 0;
        slot.RawLength = 0;
        slot.TextLength = 0;
        slot.Timer = TimerKind.None;
        slot.Command = CommandKind.None;
        slot.Argument = 0;
        slot.IntentCount = 0;
        slot.ActionCount = 0;
        slot.TransitionCount = 0;
    }
}
