using System.Collections.Concurrent;
using Engine.Host.Gateways;
using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Gateways;

/// <summary>
/// The gateways' hand-off to their sending threads: whatever the interleaving of offers, ring
/// reads and takes from the line, items are handled once each, in the order they were offered.
/// </summary>
public sealed class SpillQueueTests
{
    [Fact]
    public void AnyInterleavingOfOffersReadsAndTakesHandlesEveryItemOnceInOrder()
    {
        // 0: offer the next item; 1: the consumer handles one ring item; 2: it takes what it may from the line.
        var steps = Gen.ListOf(Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2))));
        Prop.ForAll(steps.ToArbitrary(), ops =>
        {
            var ring = new RingBuffer<long>(4);
            var handledAt = new Sequence();
            ring.AddGatingSequences(handledAt);
            var queue = new SpillQueue<long>(ring);
            var handled = new List<long>();
            long next = 0;

            bool HandleOne()
            {
                if (handledAt.Value >= ring.Cursor)
                {
                    return false;
                }

                long s = handledAt.Value + 1;
                handled.Add(ring[s]);
                handledAt.SetValue(s);
                return true;
            }

            void TakeAll()
            {
                while (queue.TryTake(handledAt.Value, out long item))
                {
                    handled.Add(item);
                }
            }

            foreach (int op in ops)
            {
                switch (op)
                {
                    case 0: queue.Offer(next++); break;
                    case 1: HandleOne(); break;
                    default: TakeAll(); break;
                }
            }

            // The consumer runs dry: everything offered is handled in the end.
            do
            {
                while (HandleOne())
                {
                }

                TakeAll();
            }
            while (handledAt.Value < ring.Cursor || !queue.LineIsEmpty);

            Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), handled);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AProducerThreadFarFasterThanItsConsumerHasEveryItemHandledInOrder()
    {
        const int items = 200_000;
        var ring = new RingBuffer<long>(16, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(20)));
        var queue = new SpillQueue<long>(ring);
        var consumer = new Consumer(queue);
        using var pipeline = new RingPipeline<long>(ring);
        pipeline.HandleEventsWith(consumer);
        pipeline.Start();

        int spilled = 0;
        for (long i = 0; i < items; i++)
        {
            spilled += queue.Offer(i) ? 0 : 1;
        }

        Ring.Await.Until(() => consumer.Handled.Count == items, TimeSpan.FromSeconds(60), () => $"{consumer.Handled.Count} of {items} handled");
        Assert.True(spilled > 0, "nothing went beyond the ring, so the line was not tested");
        Assert.Equal(Enumerable.Range(0, items).Select(i => (long)i), consumer.Handled);
        pipeline.Shutdown(TimeSpan.FromSeconds(5));
    }

    private sealed class Consumer(SpillQueue<long> queue) : IEventHandler<long>
    {
        public ConcurrentQueue<long> Handled { get; } = new();

        public string Name => "consumer";

        public void OnEvent(ref long data, long sequence, bool endOfBatch)
        {
            Handled.Enqueue(data);
            if (sequence % 7 == 0)
            {
                // A slower consumer now and then, so the producer runs far beyond the ring.
                Thread.SpinWait(200);
            }

            while (endOfBatch && queue.TryTake(sequence, out long late))
            {
                Handled.Enqueue(late);
            }
        }

        public void OnTimeout(long sequence)
        {
            while (queue.TryTake(sequence, out long late))
            {
                Handled.Enqueue(late);
            }
        }
    }
}
