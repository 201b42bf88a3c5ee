using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// The sequencer for a ring with several publishing threads. Producers claim with one atomic add on
/// the cursor; because they publish out of order, each slot carries an availability flag (the
/// sequence's lap number), and consumers read only up to the first slot not yet published.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingSequenceCache = new();
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    /// <summary>Creates the sequencer.</summary>
    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _availableBuffer = new int[bufferSize];
        _availableBuffer.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    /// <inheritdoc/>
    protected override long ClaimedSequence => Cursor.Value;

    /// <inheritdoc/>
    public override long Next(int n)
    {
        ValidateClaimSize(n);

        // Claim first, then wait for room: an atomic add never retries under contention, unlike a
        // compare-and-set loop. The claimed slots are ours even while we wait for consumers.
        long current = Cursor.AddAndGet(n) - n;
        long nextSequence = current + n;
        long wrapPoint = nextSequence - BufferSize;
        long cachedGatingSequence = _gatingSequenceCache.Value;
        if (wrapPoint > cachedGatingSequence || cachedGatingSequence > current)
        {
            WaitForCapacity(current, wrapPoint);
        }

        return nextSequence;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        var spinner = default(SpinWait);
        long gatingSequence;
        long started = 0;
        while (wrapPoint > (gatingSequence = Sequence.Minimum(GatingSequences, current)))
        {
            if (started == 0)
            {
                started = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            SignalConsumers();
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (started != 0)
        {
            RecordFullRingWait(started);
        }

        _gatingSequenceCache.SetValue(gatingSequence);
    }

    /// <inheritdoc/>
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);

        // A claim that cannot be undone must be taken only when there is room, so this path uses
        // compare-and-set rather than the unconditional add of Next.
        while (true)
        {
            long current = Cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSize;
            long cachedGatingSequence = _gatingSequenceCache.Value;
            if (wrapPoint > cachedGatingSequence || cachedGatingSequence > current)
            {
                long gatingSequence = Sequence.Minimum(GatingSequences, current);
                _gatingSequenceCache.SetValue(gatingSequence);
                if (wrapPoint > gatingSequence)
                {
                    sequence = Sequence.InitialValue;
                    return false;
                }
            }

            if (Cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        SignalConsumers();
    }

    /// <inheritdoc/>
    public override void Publish(long lo, long hi)
    {
        for (long sequence = lo; sequence <= hi; sequence++)
        {
            SetAvailable(sequence);
        }

        SignalConsumers();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence)
    {
        // Release write: the slot's contents are visible before its flag.
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (int)sequence & _indexMask);
        Volatile.Write(ref flag, (int)(sequence >>> _indexShift));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsAvailable(long sequence)
    {
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (int)sequence & _indexMask);
        return Volatile.Read(ref flag) == (int)(sequence >>> _indexShift);
    }

    /// <inheritdoc/>
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (long sequence = lowerBound; sequence <= availableSequence; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return availableSequence;
    }
}
