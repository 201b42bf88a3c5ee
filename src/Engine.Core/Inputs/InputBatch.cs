using System.Runtime.CompilerServices;
using Engine.Core.Events;

namespace Engine.Core.Inputs;

/// <summary>
/// Consecutive claimed slots for the inputs of one frame: <see cref="Begin"/> each (every slot
/// must be begun), then <see cref="Publish"/> them together, so the stages wake once per frame
/// rather than once per packet.
/// </summary>
public readonly ref struct InputBatch
{
    private readonly InputPublisher _door;
    private readonly long _first;

    internal InputBatch(InputPublisher door, long first, int count)
    {
        _door = door;
        _first = first;
        Count = count;
    }

    /// <summary>Slots in the batch.</summary>
    public int Count { get; }

    /// <summary>Stamps slot <paramref name="index"/> (0 to <see cref="Count"/> − 1) as an input of <paramref name="kind"/> and returns it to be filled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref RingEvent Begin(int index, EventKind kind, long receiveTimestampNs)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The batch holds {Count} slots.");
        }

        long sequence = _first + index;
        ref var slot = ref _door.Slot(sequence);
        _door.Begin(ref slot, sequence, kind, receiveTimestampNs);
        return ref slot;
    }

    /// <summary>Makes every slot of the batch visible to the stages.</summary>
    public void Publish() => _door.Publish(_first, _first + Count - 1);
}
