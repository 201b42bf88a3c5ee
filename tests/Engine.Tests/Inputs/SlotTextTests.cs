using System.Text;
using Engine.Core.Events;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Inputs;

/// <summary>
/// A slot's text, held outside the slot by number: what is set is what is read, a longer text
/// grows the buffer, slots never share one, and a released buffer leaves its slot empty.
/// </summary>
public sealed class SlotTextTests
{
    [Fact]
    public void EachSlotReadsBackTheLastTextItWasGiven()
    {
        // Random texts set into random slots of a small array, in any order and of any length
        // (up to 5,000 bytes, past the first 1,024-byte buffer): every slot reads its own last text.
        var gen = Gen.ListOf(
            from slot in Gen.Choose(0, 7)
            from length in Gen.Choose(0, 5_000)
            from fill in Gen.Choose(0, 255)
            select (Slot: slot, Text: Enumerable.Range(0, length).Select(i => (byte)(fill + i)).ToArray()));
        Prop.ForAll(Arb.From(gen), sets =>
        {
            var slots = new RingEvent[8];
            var expected = new byte[]?[8];
            foreach (var (slot, text) in sets)
            {
                slots[slot].SetText(text);
                expected[slot] = text;
            }

            for (int i = 0; i < slots.Length; i++)
            {
                Assert.Equal(expected[i] ?? [], slots[i].TextBytes.ToArray());
            }

            var numbers = slots.Where(s => s.TextBuffer != 0).Select(s => s.TextBuffer).ToArray();
            Assert.Equal(numbers.Length, numbers.Distinct().Count());
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i].ReleaseText();
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ASlotKeepsItsBufferForTextsThatFitAndAReleasedSlotHoldsNoText()
    {
        var slot = default(RingEvent);
        Assert.True(slot.TextBytes.IsEmpty);
        slot.SetText("{\"type\":\"order\"}"u8);
        int number = slot.TextBuffer;
        Assert.NotEqual(0, number);
        slot.SetText("short"u8);
        Assert.Equal(number, slot.TextBuffer);
        Assert.Equal("short", Encoding.UTF8.GetString(slot.TextBytes));

        slot.ReleaseText();
        Assert.Equal(0, slot.TextBuffer);
        Assert.True(slot.TextBytes.IsEmpty);

        // The number goes to the next slot that needs one; the released slot is not affected.
        var next = default(RingEvent);
        next.SetText("next"u8);
        Assert.Equal("next", Encoding.UTF8.GetString(next.TextBytes));
        Assert.True(slot.TextBytes.IsEmpty);
        next.ReleaseText();
    }

    [Fact]
    public void ProducersOnManyThreadsEachKeepTheirOwnText()
    {
        // Buffers are taken and grown from any producer's thread at once (the ring is
        // multi-producer): none may see another's text, and the table's growth loses no buffer.
        const int Threads = 4, SlotsPerThread = 200;
        var slots = new RingEvent[Threads * SlotsPerThread];
        Parallel.For(0, Threads, t =>
        {
            for (int round = 0; round < 3; round++)
            {
                for (int i = t * SlotsPerThread; i < (t + 1) * SlotsPerThread; i++)
                {
                    slots[i].SetText(Encoding.UTF8.GetBytes(new string('x', round * 700) + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        });

        for (int i = 0; i < slots.Length; i++)
        {
            Assert.Equal(new string('x', 1400) + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(slots[i].TextBytes));
            slots[i].ReleaseText();
        }
    }
}
