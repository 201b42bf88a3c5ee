using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// The ring: a preallocated array of struct slots, claimed and published through a
/// <see cref="Sequencer"/> and handed out by <c>ref</c>, so events are written and read in place
/// and nothing is allocated per event.
/// </summary>
/// <typeparam name="T">The slot type; a struct so slots sit inline in one array.</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    private static readonly bool s_lineAligned = !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() % CacheLineBytes == 0;

    // Spare slots at both ends keep the hot slots off the cache lines of the array header and of
    // whatever object the allocator placed next to the array.
    private static readonly int s_padding = Math.Max(1, (128 + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>());

    // Slots of a whole number of cache lines without references live in a pinned array of lines
    // from a line boundary, so every slot starts on a line of its own and the fields a consumer
    // reads on every event take as few lines as their offsets allow. Other slots live in an array
    // of T, where the runtime chooses the alignment: a reference must stay where the GC sees it,
    // and a slot smaller than a line shares lines with its neighbours wherever it starts.
    private readonly T[]? _entries;
    private readonly CacheLine[]? _lines;
    private readonly nint _firstSlotOffset;
    private readonly long _indexMask;
    private readonly SingleProducerSequencer? _singleProducer;

    /// <summary>Creates a ring of <paramref name="bufferSize"/> slots (a power of two) published by <paramref name="producerType"/> producers.</summary>
    /// <param name="bufferSize">The number of slots.</param>
    /// <param name="waitStrategy">How consumers wait; <see cref="YieldingWaitStrategy"/> if omitted.</param>
    /// <param name="producerType">One publishing thread or several.</param>
    /// <param name="initializeSlot">Called once per slot at creation, for slots that own buffers.</param>
    public RingBuffer(int bufferSize, IWaitStrategy? waitStrategy = null, ProducerType producerType = ProducerType.Single, SlotInitializer<T>? initializeSlot = null)
    {
        RingCapacity.Validate(bufferSize);
        waitStrategy ??= new YieldingWaitStrategy();
        Sequencer = producerType == ProducerType.Single
            ? new SingleProducerSequencer(bufferSize, waitStrategy)
            : new MultiProducerSequencer(bufferSize, waitStrategy);
        _singleProducer = Sequencer as SingleProducerSequencer;
        ProducerType = producerType;
        _indexMask = bufferSize - 1;
        long slotBytes = (long)(bufferSize + (2 * s_padding)) * Unsafe.SizeOf<T>();
        if (!s_lineAligned)
        {
            _entries = new T[bufferSize + (2 * s_padding)];
        }
        else
        {
            // Counted in lines, not bytes, so a ring may be larger than a byte array can be.
            _lines = GC.AllocateArray<CacheLine>(checked((int)((slotBytes / CacheLineBytes) + 2)), pinned: true);
            long firstSlot = AddressOf(ref Unsafe.As<CacheLine, byte>(ref MemoryMarshal.GetArrayDataReference(_lines))) + ((long)s_padding * Unsafe.SizeOf<T>());
            _firstSlotOffset = (nint)((CacheLineBytes - (firstSlot % CacheLineBytes)) % CacheLineBytes);
        }

        TouchEveryPage(ref Unsafe.As<T, byte>(ref Slot(-s_padding)), slotBytes);
        if (initializeSlot is not null)
        {
            for (int i = 0; i < bufferSize; i++)
            {
                initializeSlot(ref Slot(i));
            }
        }
    }

    private const int CacheLineBytes = 64;

    /// <summary>True when every slot starts on a cache-line boundary: slots without references whose size is a multiple of 64 bytes.</summary>
    public bool SlotsAreLineAligned => s_lineAligned;

    /// <summary>The address of the slot for <paramref name="sequence"/> modulo 64: 0 for every slot when <see cref="SlotsAreLineAligned"/>.</summary>
    public int LineOffsetOfSlot(long sequence) => (int)(AddressOf(ref Unsafe.As<T, byte>(ref this[sequence])) % CacheLineBytes);

    private static unsafe long AddressOf(ref byte pinned) => (long)(nuint)Unsafe.AsPointer(ref pinned);

    // Slot index i, counted from the first slot after the leading padding (negative reaches into it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref T Slot(nint index)
    {
        if (!s_lineAligned)
        {
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries!), index + s_padding);
        }

        return ref Unsafe.Add(ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<CacheLine, byte>(ref MemoryMarshal.GetArrayDataReference(_lines!)), _firstSlotOffset)), index + s_padding);
    }

    [StructLayout(LayoutKind.Sequential, Size = CacheLineBytes)]
    private struct CacheLine
    {
    }

    // The runtime hands a large array fresh pages that the OS maps only on their first write, so
    // without this the ring's first lap pays a page fault for nearly every slot on the hot path (the
    // first 4,096 ticks of a paced replay fell up to 16 ms behind). Writing a zero into each page
    // now maps them all before anything is published; the slots are all zero still.
    private static void TouchEveryPage(ref byte first, long bytes)
    {
        int pageBytes = Environment.SystemPageSize;
        for (long offset = 0; offset < bytes; offset += pageBytes)
        {
            Volatile.Write(ref Unsafe.AddByteOffset(ref first, (nint)offset), 0);
        }

        if (bytes > 0)
        {
            Volatile.Write(ref Unsafe.AddByteOffset(ref first, (nint)(bytes - 1)), 0);
        }
    }

    /// <summary>The sequencer that claims and publishes this ring's slots.</summary>
    public Sequencer Sequencer { get; }

    /// <summary>Whether one thread or several publish.</summary>
    public ProducerType ProducerType { get; }

    /// <summary>The number of slots.</summary>
    public int BufferSize => Sequencer.BufferSize;

    /// <summary>The producer cursor (see <see cref="Ring.Sequencer.Cursor"/>).</summary>
    public long Cursor => Sequencer.Cursor.Value;

    /// <summary>The wait strategy consumers of this ring use.</summary>
    public IWaitStrategy WaitStrategy => Sequencer.WaitStrategy;

    /// <summary>The size in bytes of one slot.</summary>
    public int SlotSize => Unsafe.SizeOf<T>();

    /// <summary>The slot for <paramref name="sequence"/>, by reference. No bounds check: the mask keeps it in range.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Slot((nint)(sequence & _indexMask));
    }

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _singleProducer is not null ? _singleProducer.Next(1) : Sequencer.Next(1);

    /// <summary>Claims the next <paramref name="n"/> slots and returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n) => _singleProducer is not null ? _singleProducer.Next(n) : Sequencer.Next(n);

    /// <summary>Claims the next slot if there is room; false on a full ring, never waiting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => _singleProducer is not null ? _singleProducer.TryNext(1, out sequence) : Sequencer.TryNext(1, out sequence);

    /// <summary>Claims the next <paramref name="n"/> slots if there is room; false on a full ring, never waiting.</summary>
    public bool TryNext(int n, out long sequence) => Sequencer.TryNext(n, out sequence);

    /// <summary>Makes the slot at <paramref name="sequence"/> visible to consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_singleProducer is not null)
        {
            _singleProducer.Publish(sequence);
        }
        else
        {
            Sequencer.Publish(sequence);
        }
    }

    /// <summary>Makes the slots <paramref name="lo"/> to <paramref name="hi"/> (inclusive) visible to consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi)
    {
        if (_singleProducer is not null)
        {
            _singleProducer.Publish(hi);
        }
        else
        {
            Sequencer.Publish(lo, hi);
        }
    }

    /// <summary>How many slots could be claimed now without waiting.</summary>
    public long RemainingCapacity => Sequencer.RemainingCapacity;

    /// <summary>A barrier over the cursor and <paramref name="dependents"/>.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => Sequencer.NewBarrier(dependents);

    /// <summary>Adds consumer sequences the producer must not lap.</summary>
    public void AddGatingSequences(params Sequence[] sequences) => Sequencer.AddGatingSequences(sequences);

    /// <summary>Removes a gating sequence.</summary>
    public bool RemoveGatingSequence(Sequence sequence) => Sequencer.RemoveGatingSequence(sequence);
}
