using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>
/// The sequencer counts the claims that found the ring full: none while the consumers keep the
/// ring from filling, and the claims that had to wait, with their time, when a consumer holds the
/// producer back. This is how a benchmark tells which side is the bottleneck.
/// </summary>
public sealed class FullRingWaitTests
{
    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void OnlyClaimsThatFoundTheRingFullAreCountedWithTheTimeTheyWaited(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(64, new YieldingWaitStrategy(), producerType);
        using var gate = new ManualResetEventSlim(false);
        var held = new HeldHandler(gate);
        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(held);
        pipeline.Start();

        // Fewer events than slots: the ring never fills, whatever the consumer does.
        Publish(ring, 64);
        Assert.Equal(0, ring.Sequencer.FullRingWaits);

        // The consumer holds its first event: the next claim finds the ring full and waits until it is let go.
        var producer = new Thread(() => Publish(ring, 1));
        producer.Start();
        Await.Until(() => held.Holding, TimeSpan.FromSeconds(30), () => "the consumer holding an event");
        Thread.Sleep(50);
        Assert.True(producer.IsAlive, "a claim into a full ring returned");
        gate.Set();
        Assert.True(producer.Join(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, ring.Sequencer.FullRingWaits);
        Assert.True(ring.Sequencer.FullRingWaitTime > TimeSpan.Zero);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
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

    private sealed class HeldHandler(ManualResetEventSlim gate) : IEventHandler<TestEvent>
    {
        private volatile bool _holding;

        public bool Holding => _holding;

        public string Name => "held";

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            if (sequence == 0)
            {
                _holding = true;
                gate.Wait();
            }
        }
    }
}
