using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Core.Risk;

namespace Engine.Core.Events;

/// <summary>
/// The one slot type of the engine's ring. A producer fills the input part (kind, receive time,
/// the bytes as received and their decoded form); later stages write their annotations in place.
/// Allocated once per slot when the ring is built; nothing here is allocated per event.
/// </summary>
/// <remarks>
/// Layout: the header (kind, frame position, receive time) and the decoded tick's price fields
/// come first, so the logic stages touch the first cache lines; the raw bytes, read only by the
/// journaller, and the rarer order and text parts follow. See docs/ring-event.md for sizes.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = 3136)]
public struct RingEvent
{
    // The fields in declaration order are the layout (the slot holds no reference, so the runtime
    // keeps it): the header every stage reads on every event, eight-byte fields first so none
    // needs padding, then the tick, whose per-tick fields end at byte 128. With the ring's slots
    // on cache-line boundaries that is two lines per tick. The size rounds the slot up to 49 lines.

    /// <summary>The receiving connection's frame counter.</summary>
    public long FrameId;

    /// <summary>
    /// The input's sequence in the run that first received it: the ring sequence live, the
    /// recorded sequence in a replay. Journal records and replay comparisons use it.
    /// </summary>
    public long InputSequence;

    /// <summary>Local receive time, Unix nanoseconds (the exchange's time is inside the tick).</summary>
    public long ReceiveTimestampNs;

    /// <summary>For timers: the market time the timer is for; for commands: the argument.</summary>
    public long Argument;

    /// <summary>
    /// Stopwatch ticks when the producer published the slot (not journaled): for latency measurement only.
    /// </summary>
    public long PublishedTicks;

    /// <summary>Bytes used in <see cref="Raw"/>.</summary>
    public int RawLength;

    /// <summary>Bytes of text in use (see <see cref="TextBytes"/>).</summary>
    public int TextLength;

    /// <summary>How many of <see cref="Intents"/> are set.</summary>
    public int IntentCount;

    /// <summary>Written by the order tracker: how many of <see cref="Actions"/> are set.</summary>
    public int ActionCount;

    /// <summary>Written by the order tracker: how many of <see cref="Transitions"/> are set.</summary>
    public int TransitionCount;

    /// <summary>Written by the risk monitor: how many of <see cref="RiskChanges"/> are set.</summary>
    public int RiskChangeCount;

    /// <summary>The packet's position inside its frame.</summary>
    public ushort PacketIndex;

    /// <summary>For <see cref="EventKind.Timer"/>: which timer.</summary>
    public TimerKind Timer;

    /// <summary>For <see cref="EventKind.Command"/>: which command (its reason is the text, <see cref="TextBytes"/>).</summary>
    public CommandKind Command;

    /// <summary>What this slot holds.</summary>
    public EventKind Kind;

    /// <summary>The ticker connection (shard) that received it.</summary>
    public byte Connection;

    /// <summary>
    /// True when the door stamped this input, so the stages stamp <see cref="Stamps"/> too. A flag
    /// in the header rather than a look at the stamps themselves, so an unstamped run never brings
    /// the stamps' cache line from the producer's core to the stages'.
    /// </summary>
    public bool Stamped;

    /// <summary>Written by the risk monitor: true when <see cref="RiskSnapshot"/> holds this input's snapshot.</summary>
    public bool HasRiskSnapshot;

    /// <summary>The decoded tick, for <see cref="EventKind.Tick"/>.</summary>
    public Tick Tick;

    /// <summary>The tick packet as received.</summary>
    public RawPacket Raw;

    /// <summary>The decoded order update, for <see cref="EventKind.OrderUpdate"/>.</summary>
    public OrderUpdate Order;

    /// <summary>
    /// When each stage was done with this input, when stamping is on (not journaled as input).
    /// All zero unless <see cref="Stamped"/>.
    /// </summary>
    public StageStamps Stamps;

    /// <summary>Written by the strategy stage: the intents this event produced.</summary>
    public IntentBuffer Intents;

    /// <summary>Written by the risk gate: the decision on each intent.</summary>
    public DecisionBuffer Decisions;

    /// <summary>For <see cref="EventKind.OrderReply"/>: the broker's answer (its body is the text, <see cref="TextBytes"/>).</summary>
    public OrderReply Reply;

    /// <summary>Written by the order tracker: the engine's own requests (square-off, flatten).</summary>
    public ActionBuffer Actions;

    /// <summary>Written by the order tracker: the order transitions this event caused.</summary>
    public TransitionBuffer Transitions;

    /// <summary>Written by the risk monitor: the trading-state changes this input caused.</summary>
    public RiskStateChangeBuffer RiskChanges;

    /// <summary>Written by the risk monitor at its interval and at every state change: the account and every limit's distance.</summary>
    public RiskSnapshot RiskSnapshot;

    /// <summary>
    /// The number of the slot's text buffer (0 for none): text frames as received (UTF-8), order
    /// replies' bodies, commands' reasons. The buffer belongs to the slot: it is taken the first
    /// time this slot holds text and reused after, so it never goes back to a pool per event.
    /// </summary>
    public int TextBuffer;

    /// <summary>The raw tick bytes in use.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> RawBytes => ((ReadOnlySpan<byte>)Raw)[..RawLength];

    /// <summary>The text bytes in use.</summary>
    public readonly ReadOnlySpan<byte> TextBytes => TextBuffer == 0 ? default : SlotTextBuffers.Get(TextBuffer).AsSpan(0, TextLength);

    /// <summary>Copies <paramref name="utf8"/> into the slot's own text buffer, growing it only when it is too small.</summary>
    public void SetText(ReadOnlySpan<byte> utf8)
    {
        TextBuffer = SlotTextBuffers.Fit(TextBuffer, utf8.Length);
        utf8.CopyTo(SlotTextBuffers.Get(TextBuffer));
        TextLength = utf8.Length;
    }

    /// <summary>Gives the slot's text buffer back, when the ring it lives in is done with; the slot holds no text after.</summary>
    public void ReleaseText()
    {
        SlotTextBuffers.Return(TextBuffer);
        TextBuffer = 0;
        TextLength = 0;
    }
}
