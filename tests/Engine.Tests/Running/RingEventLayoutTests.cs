using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Engine.Core.Events;

namespace Engine.Tests.Running;

/// <summary>
/// The ring slot's layout: the fields every stage reads on every event sit in the first cache
/// lines, and docs/ring-event.md describes the layout the runtime actually uses (this test notices if
/// a runtime or an edit moves a field).
/// </summary>
public sealed partial class RingEventLayoutTests
{
    [GeneratedRegex(@"^\|\s*`(\w+)`\s*\|\s*(\d+)\s*\|\s*([\d,]+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"RingEvent` is \*\*([\d,]+) bytes\*\*")]
    private static partial Regex SizeLine();

    private static Dictionary<string, (int Offset, int Size)> Layout()
    {
        var slots = new RingEvent[1];
        ref var e = ref slots[0];
        int At<T>(ref T field) => (int)Unsafe.ByteOffset(ref Unsafe.As<RingEvent, byte>(ref slots[0]), ref Unsafe.As<T, byte>(ref field));
        return new Dictionary<string, (int, int)>
        {
            ["Kind"] = (At(ref e.Kind), Unsafe.SizeOf<EventKind>()),
            ["Connection"] = (At(ref e.Connection), 1),
            ["PacketIndex"] = (At(ref e.PacketIndex), 2),
            ["RawLength"] = (At(ref e.RawLength), 4),
            ["FrameId"] = (At(ref e.FrameId), 8),
            ["InputSequence"] = (At(ref e.InputSequence), 8),
            ["ReceiveTimestampNs"] = (At(ref e.ReceiveTimestampNs), 8),
            ["Timer"] = (At(ref e.Timer), Unsafe.SizeOf<TimerKind>()),
            ["Command"] = (At(ref e.Command), Unsafe.SizeOf<CommandKind>()),
            ["Argument"] = (At(ref e.Argument), 8),
            ["PublishedTicks"] = (At(ref e.PublishedTicks), 8),
            ["Stamps"] = (At(ref e.Stamps), Unsafe.SizeOf<StageStamps>()),
            ["TextBuffer"] = (At(ref e.TextBuffer), 4),
            ["TextLength"] = (At(ref e.TextLength), 4),
            ["IntentCount"] = (At(ref e.IntentCount), 4),
            ["Tick"] = (At(ref e.Tick), Unsafe.SizeOf<Engine.Core.Market.Tick>()),
            ["Raw"] = (At(ref e.Raw), Unsafe.SizeOf<RawPacket>()),
            ["Order"] = (At(ref e.Order), Unsafe.SizeOf<Engine.Core.Orders.OrderUpdate>()),
            ["Intents"] = (At(ref e.Intents), Unsafe.SizeOf<IntentBuffer>()),
            ["Decisions"] = (At(ref e.Decisions), Unsafe.SizeOf<DecisionBuffer>()),
            ["ActionCount"] = (At(ref e.ActionCount), 4),
            ["TransitionCount"] = (At(ref e.TransitionCount), 4),
            ["Reply"] = (At(ref e.Reply), Unsafe.SizeOf<Engine.Core.Orders.OrderReply>()),
            ["Actions"] = (At(ref e.Actions), Unsafe.SizeOf<ActionBuffer>()),
            ["Transitions"] = (At(ref e.Transitions), Unsafe.SizeOf<TransitionBuffer>()),
            ["RiskChangeCount"] = (At(ref e.RiskChangeCount), 4),
            ["HasRiskSnapshot"] = (At(ref e.HasRiskSnapshot), 1),
            ["Stamped"] = (At(ref e.Stamped), 1),
            ["RiskChanges"] = (At(ref e.RiskChanges), Unsafe.SizeOf<Engine.Core.Risk.RiskStateChangeBuffer>()),
            ["RiskSnapshot"] = (At(ref e.RiskSnapshot), Unsafe.SizeOf<Engine.Core.Risk.RiskSnapshot>()),
        };
    }

    [Fact]
    public void TheFieldsEveryStageReadsSitInTheFirstTwoCacheLines()
    {
        var layout = Layout();
        string[] hot = ["Kind", "RawLength", "InputSequence", "ReceiveTimestampNs", "Timer", "Command", "Argument", "PublishedTicks", "IntentCount", "ActionCount", "TransitionCount", "RiskChangeCount", "HasRiskSnapshot", "Stamped"];
        Assert.All(hot, name => Assert.True(layout[name].Offset + layout[name].Size <= 128, $"{name} at {layout[name].Offset}"));

        // Nothing overlaps and nothing lies outside the slot.
        int size = Unsafe.SizeOf<RingEvent>();
        var spans = layout.Values.OrderBy(v => v.Offset).ToArray();
        for (int i = 1; i < spans.Length; i++)
        {
            Assert.True(spans[i - 1].Offset + spans[i - 1].Size <= spans[i].Offset);
        }

        Assert.True(spans[^1].Offset + spans[^1].Size <= size);
    }

    [Fact]
    public void TheTickFieldsTheStagesReadOnEveryTickEndWithinTheSlotsFirstTwoCacheLines()
    {
        // Each line the stages read is a line handed from the producer's core to theirs, so the
        // tick's per-tick fields follow the header closely and the depth lies beyond them.
        var slots = new RingEvent[1];
        ref var tick = ref slots[0].Tick;
        int End<T>(ref T field) => (int)Unsafe.ByteOffset(ref Unsafe.As<RingEvent, byte>(ref slots[0]), ref Unsafe.As<T, byte>(ref field)) + Unsafe.SizeOf<T>();
        var hot = new Dictionary<string, int>
        {
            ["InstrumentToken"] = End(ref tick.InstrumentToken),
            ["PriceDivisor"] = End(ref tick.PriceDivisor),
            ["LastPrice"] = End(ref tick.LastPrice),
            ["VolumeTraded"] = End(ref tick.VolumeTraded),
            ["Close"] = End(ref tick.Close),
            ["ExchangeTimestamp"] = End(ref tick.ExchangeTimestamp),
        };
        Assert.All(hot, f => Assert.True(f.Value <= 2 * 64, $"{f.Key} ends at byte {f.Value}"));
        Assert.True(End(ref tick.Bids) - Unsafe.SizeOf<Engine.Core.Market.DepthSide>() >= hot.Values.Max());
    }

    [Fact]
    public void TheRingPutsEverySlotOnACacheLineOfItsOwn()
    {
        // Two lines per tick hold only if a slot starts where a line starts: the slot holds no
        // reference (so the ring may place it) and its size is a whole number of lines.
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<RingEvent>());
        Assert.Equal(0, Unsafe.SizeOf<RingEvent>() % 64);
        var ring = new Engine.Ring.RingBuffer<RingEvent>(64);
        Assert.True(ring.SlotsAreLineAligned);
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(0, ring.LineOffsetOfSlot(i)));
    }

    [Fact]
    public void TheDocumentedLayoutIsTheOneTheRuntimeUses()
    {
        string doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "ring-event.md"));
        var documented = TableRow().Matches(doc).ToDictionary(
            m => m.Groups[1].Value,
            m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
        var actual = Layout();
        string table = string.Join("\n", actual.OrderBy(a => a.Value.Offset).Select(a => $"| `{a.Key}` | {a.Value.Offset} | {a.Value.Size} |"));
        Assert.True(documented.Count == actual.Count && actual.All(a => documented.TryGetValue(a.Key, out var d) && d == a.Value), $"docs/ring-event.md does not match the runtime layout:\n{table}");
        var size = SizeLine().Match(doc);
        Assert.True(size.Success, "docs/ring-event.md states the slot size");
        Assert.Equal(Unsafe.SizeOf<RingEvent>(), int.Parse(size.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }
}
