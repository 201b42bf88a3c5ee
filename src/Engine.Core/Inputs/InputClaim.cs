using System.Diagnostics;
using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Core.Inputs;

/// <summary>One claimed slot: fill <see cref="Slot"/> in place, then <see cref="Publish"/> it (exactly once; a claimed slot that is never published stalls every consumer).</summary>
public readonly ref struct InputClaim
{
    private readonly RingBuffer<RingEvent> _ring;
    private readonly long _sequence;

    /// <summary>The slot, its header already stamped by the door.</summary>
    public readonly ref RingEvent Slot;

    internal InputClaim(RingBuffer<RingEvent> ring, long sequence, ref RingEvent slot)
    {
        _ring = ring;
        _sequence = sequence;
        Slot = ref slot;
    }

    /// <summary>The ring sequence of the slot (for a producer that publishes several claims at once with <see cref="InputPublisher.PublishRange"/>).</summary>
    public long RingSequence => _sequence;

    /// <summary>The input sequence the slot carries.</summary>
    public long InputSequence => Slot.InputSequence;

    /// <summary>Makes the input visible to the stages; returns its input sequence.</summary>
    public long Publish()
    {
        long input = Slot.InputSequence;
        Slot.PublishedTicks = Stopwatch.GetTimestamp();
        if (Slot.Stamped)
        {
            Slot.Stamps.Published = Slot.PublishedTicks;
        }

        _ring.Publish(_sequence);
        return input;
    }
}
