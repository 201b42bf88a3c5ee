using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Steady-state publish and consume must not allocate: measured on the producer thread and on every consumer thread.</summary>
public sealed class ZeroAllocationTests
{
    private const int WarmUp = 200_000;
    private const int Measured = 1_000_000;

    [Theory]
    [InlineData(ProducerType.Single, WaitStrategyKind.Yielding)]
    [InlineData(ProducerType.Multi, WaitStrategyKind.Yielding)]
    [InlineData(ProducerType.Single, WaitStrategyKind.Blocking)]
    [InlineData(ProducerType.Single, WaitStrategyKind.Sleeping)]
    [InlineData(ProducerType.Multi, WaitStrategyKind.Phased)]
    public void SteadyStatePublishAndConsumeAllocateNothing(ProducerType producerType, WaitStrategyKind waitStrategy)
    {
        var ring = new RingBuffer<TestEvent>(1024, WaitStrategies.Create(waitStrategy), producerType);
        var first = new AllocationProbe("first", WarmUp, WarmUp + Measured);
        var second = new AllocationProbe("second", WarmUp, WarmUp + Measured);
        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(first).Then(second);
        pipeline.Start();

        Publish(ring, WarmUp);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Publish(ring, Measured);
        long producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, producerBytes);
        Assert.Equal(0, first.MeasuredBytes);
        Assert.Equal(0, second.MeasuredBytes);
    }

    private static void Publish(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }
    }

    private sealed class AllocationProbe(string name, long startAt, long stopAt) : IEventHandler<TestEvent>
    {
        private long _startBytes = -1;

        public string Name => name;

        public long MeasuredBytes { get; private set; } = -1;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            data.StageA = sequence;
            if (sequence == startAt)
            {
                _startBytes = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (sequence == stopAt - 1)
            {
                MeasuredBytes = GC.GetAllocatedBytesForCurrentThread() - _startBytes;
            }
        }
    }
}
