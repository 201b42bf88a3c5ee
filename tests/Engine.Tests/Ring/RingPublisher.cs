using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Publishes test events the way real producers do: claim, fill in place, publish.</summary>
internal static class RingPublisher
{
    /// <summary>Publishes values 0..count-1 in claims of the given batch sizes (cycled).</summary>
    public static void PublishSequentially(RingBuffer<TestEvent> ring, int count, IReadOnlyList<int>? batchSizes = null, int producerId = 0)
    {
        int published = 0;
        int batchIndex = 0;
        while (published < count)
        {
            int n = batchSizes is null || batchSizes.Count == 0 ? 1 : batchSizes[batchIndex++ % batchSizes.Count];
            n = Math.Clamp(n, 1, Math.Min(ring.BufferSize, count - published));
            long hi = ring.Next(n);
            long lo = hi - n + 1;
            for (long s = lo; s <= hi; s++)
            {
                ref var slot = ref ring[s];
                slot.Sequence = s;
                slot.Value = published++;
                slot.ProducerId = producerId;
                slot.StageA = slot.StageB = slot.StageC = -1;
            }

            ring.Publish(lo, hi);
        }
    }
}
