using System.Collections.Concurrent;
using Engine.Ring;

namespace Engine.Host.Gateways;

/// <summary>
/// A hand-off to one consumer thread that never blocks the side that offers: an item goes into
/// the ring while the ring has room and nothing waits beyond it, else it waits in line beyond the
/// ring. The consumer takes from the line only once it has handled everything published to the
/// ring, so items are handled in the order they were offered however the two sides interleave.
/// </summary>
/// <remarks>
/// The line allocates; it is for bursts a slower consumer (a broker over HTTP) cannot keep up
/// with, which the owner counts and logs. A consumer whose ring wait has a timeout takes from the
/// line then too, so an item that went beyond the ring just as the consumer ran dry is not left
/// waiting for a later one.
/// </remarks>
internal sealed class SpillQueue<T>(RingBuffer<T> ring) where T : struct
{
    private readonly ConcurrentQueue<T> _line = new();

    // Offer's choice and TryTake's check must not interleave: a ring publish between TryTake's
    // look at the cursor and its dequeue would let a later item overtake an earlier one.
    private readonly Lock _gate = new();

    /// <summary>True while nothing waits beyond the ring.</summary>
    public bool LineIsEmpty => _line.IsEmpty;

    /// <summary>Offers <paramref name="item"/>: true when it went into the ring, false when it waits in line beyond it.</summary>
    public bool Offer(in T item)
    {
        lock (_gate)
        {
            if (_line.IsEmpty && ring.TryNext(out long sequence))
            {
                ring[sequence] = item;
                ring.Publish(sequence);
                return true;
            }

            _line.Enqueue(item);
            return false;
        }
    }

    /// <summary>
    /// On the consumer's thread, having handled every ring item up to <paramref name="handled"/>:
    /// the next item from the line, if one waits and the ring holds nothing newer to handle first.
    /// </summary>
    public bool TryTake(long handled, out T item)
    {
        item = default;
        if (_line.IsEmpty)
        {
            return false;
        }

        lock (_gate)
        {
            return ring.Cursor == handled && _line.TryDequeue(out item);
        }
    }
}
