using System.Runtime.InteropServices;
using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Ring;

/// <summary>
/// Where the ring puts its slots: slots without references from a cache-line boundary, each slot
/// its own memory however many laps pass; slots with references in an array as before.
/// </summary>
public sealed class RingSlotPlacementTests
{
    [Fact]
    public void SlotsWithoutReferencesOfAWholeNumberOfLinesEachStartOnALine()
    {
        // Every ring size and every slot of a line-sized struct: the offset from a line is 0, and
        // writing each slot's own sequence into every byte-range leaves each slot with its own.
        Prop.ForAll(Arb.From(Gen.Choose(0, 10)), Arb.From(Gen.Choose(0, 2)), (sizeLog, shape) =>
        {
            int size = 1 << sizeLog;
            switch (shape)
            {
                case 0:
                    CheckLineAligned<OneLine>(size, (ref OneLine s, long v) => s.Value = v, (ref OneLine s) => s.Value);
                    break;
                case 1:
                    CheckLineAligned<ThreeLines>(size, (ref ThreeLines s, long v) => (s.First, s.Last) = (v, ~v), (ref ThreeLines s) => s.Last == ~s.First ? s.First : -1);
                    break;
                default:
                    CheckLineAligned<Engine.Core.Events.RingEvent>(size, (ref Engine.Core.Events.RingEvent s, long v) => (s.InputSequence, s.TextBuffer) = (v, (int)v), (ref Engine.Core.Events.RingEvent s) => s.TextBuffer == (int)s.InputSequence ? s.InputSequence : -1);
                    break;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SlotsOfOtherSizesFollowEachOtherInAnArray()
    {
        var ring = new RingBuffer<TwentyBytes>(8);
        Assert.False(ring.SlotsAreLineAligned);
        for (long sequence = 0; sequence < 7; sequence++)
        {
            Assert.Equal(0, (ring.LineOffsetOfSlot(sequence + 1) - ring.LineOffsetOfSlot(sequence) - 20 + 128) % 64);
        }

        for (long sequence = 0; sequence < 16; sequence++)
        {
            ring[sequence].Value = (int)sequence;
        }

        Assert.Equal(15, ring[7].Value);
    }

    [Fact]
    public void SlotsThatHoldReferencesStillWorkInAnArray()
    {
        var ring = new RingBuffer<WithReference>(16, initializeSlot: (ref WithReference slot) => slot.Name = "empty");
        Assert.False(ring.SlotsAreLineAligned);
        for (long sequence = 0; sequence < 40; sequence++)
        {
            Assert.Equal(sequence < 16 ? "empty" : (sequence - 16).ToString(System.Globalization.CultureInfo.InvariantCulture), ring[sequence].Name);
            ring[sequence].Name = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        GC.Collect();
        Assert.Equal("39", ring[39].Name);
    }

    private delegate void Write<T>(ref T slot, long value);

    private delegate long Read<T>(ref T slot);

    private static void CheckLineAligned<T>(int size, Write<T> write, Read<T> read)
        where T : struct
    {
        var ring = new RingBuffer<T>(size);
        Assert.True(ring.SlotsAreLineAligned);
        for (long sequence = 0; sequence < 3L * size; sequence++)
        {
            Assert.Equal(0, ring.LineOffsetOfSlot(sequence));
            write(ref ring[sequence], sequence);
        }

        for (long sequence = 2L * size; sequence < 3L * size; sequence++)
        {
            Assert.Equal(sequence, read(ref ring[sequence]));
        }
    }

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct OneLine
    {
        public long Value;
    }

    [StructLayout(LayoutKind.Sequential, Size = 192)]
    private struct ThreeLines
    {
        public long First;
        private readonly long _middle0, _middle1, _middle2, _middle3, _middle4, _middle5, _middle6, _middle7, _middle8, _middle9, _middle10, _middle11, _middle12, _middle13, _middle14, _middle15, _middle16, _middle17, _middle18, _middle19, _middle20, _middle21;
        public long Last;
    }

    [StructLayout(LayoutKind.Sequential, Size = 20)]
    private struct TwentyBytes
    {
        public int Value;
    }

    private struct WithReference
    {
        public string? Name;
    }
}
