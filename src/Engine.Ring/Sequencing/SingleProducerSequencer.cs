using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// The sequencer for a ring with one publishing thread: a claim is a plain field increment, and
/// publishing is one release write of the cursor. Not safe for several producers.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    // Touched only by the producer thread. The cursor and every consumer sequence live in their own
    // padded objects, so these plain fields share lines only with this object's read-only fields.
    private long _nextValue = Sequence.InitialValue;
    private long _cachedGatingSequence = Sequence.InitialValue;

    /// <summary>Creates the sequencer.</summary>
    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
    }

    /// <inheritdoc/>
    protected override long ClaimedSequence => _nextValue;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        ValidateClaimSize(n);
        long nextValue = _nextValue;
        long nextSequence = nextValue + n;
        long wrapPoint = nextSequence - BufferSize;

        // The cached gating position lets most claims skip reading every consumer's sequence.
        if (wrapPoint > _cachedGatingSequence || _cachedGatingSequence > nextValue)
        {
            WaitForCapacity(nextValue, wrapPoint);
        }

        _nextValue = nextSequence;
        return nextSequence;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long nextValue, long wrapPoint)
    {
        // Store-load fence: the consumers' positions must be read after our last publish is visible,
        // or we could wait on a consumer that is itself waiting for that publish.
        Interlocked.MemoryBarrier();
        var spinner = default(SpinWait);
        long minSequence;
        long started = 0;
        while (wrapPoint > (minSequence = Sequence.Minimum(GatingSequences, nextValue)))
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

        _cachedGatingSequence = minSequence;
    }

    /// <inheritdoc/>
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaimSize(n);
        long nextValue = _nextValue;
        long wrapPoint = nextValue + n - BufferSize;
        if (wrapPoint > _cachedGatingSequence || _cachedGatingSequence > nextValue)
        {
            Interlocked.MemoryBarrier();
            long minSequence = Sequence.Minimum(GatingSequences, nextValue);
            _cachedGatingSequence = minSequence;
            if (wrapPoint > minSequence)
            {
                sequence = Sequence.InitialValue;
                return false;
            }
        }

        _nextValue = nextValue + n;
        sequence = _nextValue;
        return true;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        SignalConsumers();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long lo, long hi) => Publish(hi);

    /// <inheritdoc/>
    public override bool IsAvailable(long sequence)
    {
        long cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;
}
