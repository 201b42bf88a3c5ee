using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Ring;

public sealed class SequencerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void RingSizeBelowOneIsRejected(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer<TestEvent>(size));
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public void RingSizeThatIsNotAPowerOfTwoIsRejectedNamingTheNearestSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new RingBuffer<TestEvent>(1000));
        Assert.Contains("power of two, got 1000", error.Message);
        Assert.Contains("512 and 1024", error.Message);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void ClaimsOutsideOneToRingSizeAreRejected(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType: producerType);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(9, out _));
    }

    [Fact]
    public void MultiProducerConsumersReadOnlyUpToTheFirstUnpublishedSlot()
    {
        var sequencer = new MultiProducerSequencer(16, new YieldingWaitStrategy());
        long first = sequencer.Next(3);   // claims 0..2
        long second = sequencer.Next(2);  // claims 3..4
        Assert.Equal(2, first);
        Assert.Equal(4, second);

        sequencer.Publish(3, 4);          // the later claim publishes first
        Assert.Equal(-1, sequencer.GetHighestPublishedSequence(0, 4));
        Assert.False(sequencer.IsAvailable(0));
        Assert.True(sequencer.IsAvailable(4));

        sequencer.Publish(0, 2);
        Assert.Equal(4, sequencer.GetHighestPublishedSequence(0, 4));
    }

    [Fact]
    public void MultiProducerAvailabilityFlagsDistinguishLaps()
    {
        var sequencer = new MultiProducerSequencer(4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (int lap = 0; lap < 3; lap++)
        {
            long hi = sequencer.Next(4);
            Assert.False(sequencer.IsAvailable(hi), "a slot from the previous lap must not look published");
            sequencer.Publish(hi - 3, hi);
            Assert.True(sequencer.IsAvailable(hi));
            consumer.SetValue(hi);
        }
    }

    [Fact]
    public void SingleProducerAvailabilityIsTheWindowBehindTheCursor()
    {
        var sequencer = new SingleProducerSequencer(4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Publish(sequencer.Next(4));
        consumer.SetValue(3);
        sequencer.Publish(sequencer.Next(2));
        Assert.False(sequencer.IsAvailable(1));
        Assert.True(sequencer.IsAvailable(2));
        Assert.True(sequencer.IsAvailable(5));
        Assert.False(sequencer.IsAvailable(6));
    }

    [Fact]
    public void GatingSequencesAddedLaterStartAtTheCursor()
    {
        var ring = new RingBuffer<TestEvent>(8);
        ring.Publish(ring.Next(5));
        var late = new Sequence();
        ring.AddGatingSequences(late);
        Assert.Equal(4, late.Value);
        Assert.Equal(8, ring.RemainingCapacity);
        Assert.True(ring.RemoveGatingSequence(late));
        Assert.False(ring.RemoveGatingSequence(late));
    }

    [Fact]
    public void SequenceCompareAndSetAndAddBehaveAtomically()
    {
        var gen = Gen.ListOf(Gen.Choose(-5, 5));
        Prop.ForAll(Arb.From(gen), deltas =>
        {
            var sequence = new Sequence(10);
            long expected = 10;
            foreach (int d in deltas)
            {
                expected += d;
                if (sequence.AddAndGet(d) != expected)
                {
                    return false;
                }
            }

            return !sequence.CompareAndSet(expected + 1, 0)
                && sequence.CompareAndSet(expected, 42)
                && sequence.Value == 42;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SequenceIsPaddedToAtLeast128BytesEachSide()
    {
        var field = typeof(Sequence).GetField("_value", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var offset = (System.Runtime.InteropServices.FieldOffsetAttribute)field.GetCustomAttributes(typeof(System.Runtime.InteropServices.FieldOffsetAttribute), false).Single();
        var layout = typeof(Sequence).StructLayoutAttribute!;
        Assert.True(offset.Value >= 128);
        Assert.True(layout.Size - offset.Value - sizeof(long) >= 128);
    }
}
