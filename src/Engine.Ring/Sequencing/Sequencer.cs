using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// Claims and publishes slots of a ring of <see cref="BufferSize"/> entries, never wrapping past the
/// slowest gating consumer. The single- and multi-producer variants differ only in how a claim is
/// made and how publication is observed.
/// </summary>
public abstract class Sequencer
{
    private readonly object _gatingLock = new();
    private Sequence[] _gatingSequences = [];
    private long _fullRingWaits;
    private long _fullRingWaitTicks;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> slots.</summary>
    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        RingCapacity.Validate(bufferSize);
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
        IsBlockingWaitStrategy = waitStrategy.IsBlockingStrategy;
    }

    /// <summary>The number of slots in the ring.</summary>
    public int BufferSize { get; }

    /// <summary>The strategy consumers use to wait for this sequencer's cursor.</summary>
    public IWaitStrategy WaitStrategy { get; }

    /// <summary>Cached so the publish path checks a field, not an interface property.</summary>
    protected bool IsBlockingWaitStrategy { get; }

    /// <summary>
    /// The producer cursor. For a single producer it is the highest published sequence; for
    /// several it is the highest claimed one, and availability is checked per slot.
    /// </summary>
    public Sequence Cursor { get; } = new();

    /// <summary>The sequences a claim may not wrap past: the last consumers of the graph.</summary>
    protected Sequence[] GatingSequences
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _gatingSequences);
    }

    /// <summary>Claims that found the ring full and waited for the slowest consumer: a producer that waits is faster than its consumers.</summary>
    public long FullRingWaits => Interlocked.Read(ref _fullRingWaits);

    /// <summary>The time those claims waited, in all.</summary>
    public TimeSpan FullRingWaitTime => TimeSpan.FromSeconds((double)Interlocked.Read(ref _fullRingWaitTicks) / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Counts a claim that waited since <paramref name="startedTicks"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp); called only on the waiting path.</summary>
    protected void RecordFullRingWait(long startedTicks)
    {
        Interlocked.Increment(ref _fullRingWaits);
        Interlocked.Add(ref _fullRingWaitTicks, System.Diagnostics.Stopwatch.GetTimestamp() - startedTicks);
    }

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    public long Next() => Next(1);

    /// <summary>Claims the next <paramref name="n"/> slots and returns the highest; waits while the ring lacks room.</summary>
    public abstract long Next(int n);

    /// <summary>Claims the next slot if there is room now; returns false instead of waiting on a full ring.</summary>
    public bool TryNext(out long sequence) => TryNext(1, out sequence);

    /// <summary>Claims the next <paramref name="n"/> slots if there is room now; <paramref name="sequence"/> is the highest.</summary>
    public abstract bool TryNext(int n, out long sequence);

    /// <summary>Makes the slot at <paramref name="sequence"/> visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes the slots <paramref name="lo"/> to <paramref name="hi"/> (inclusive) visible to consumers.</summary>
    public abstract void Publish(long lo, long hi);

    /// <summary>True when the slot at <paramref name="sequence"/> has been published and not yet reused.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>
    /// The highest sequence from <paramref name="lowerBound"/> up to <paramref name="availableSequence"/>
    /// below which every slot is published (only the multi-producer sequencer can have gaps).
    /// </summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>How many slots could be claimed now without waiting.</summary>
    public long RemainingCapacity
    {
        get
        {
            long consumed = Sequence.Minimum(GatingSequences, ClaimedSequence);
            return BufferSize - (ClaimedSequence - consumed);
        }
    }

    /// <summary>The highest sequence claimed so far by any producer.</summary>
    protected abstract long ClaimedSequence { get; }

    /// <summary>The slowest gating consumer's position, or the cursor when there is none.</summary>
    public long GetMinimumSequence() => Sequence.Minimum(GatingSequences, Cursor.Value);

    /// <summary>
    /// Adds consumers the producer must not lap. Each starts at the current cursor, so a consumer
    /// added to a running ring only sees what is published after it joined.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_gatingLock)
        {
            long cursor = Cursor.Value;
            foreach (var sequence in sequences)
            {
                sequence.SetValue(cursor);
            }

            var updated = new Sequence[_gatingSequences.Length + sequences.Length];
            _gatingSequences.CopyTo(updated, 0);
            sequences.CopyTo(updated, _gatingSequences.Length);
            Volatile.Write(ref _gatingSequences, updated);
        }
    }

    /// <summary>Removes a gating sequence; returns false if it was not there.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        lock (_gatingLock)
        {
            int index = Array.IndexOf(_gatingSequences, sequence);
            if (index < 0)
            {
                return false;
            }

            var updated = new Sequence[_gatingSequences.Length - 1];
            Array.Copy(_gatingSequences, 0, updated, 0, index);
            Array.Copy(_gatingSequences, index + 1, updated, index, updated.Length - index);
            Volatile.Write(ref _gatingSequences, updated);
            return true;
        }
    }

    /// <summary>A barrier for a consumer that reads what is published and what <paramref name="dependents"/> have finished.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(this, WaitStrategy, Cursor, dependents);

    /// <summary>Wakes blocked consumers after a publish, when the wait strategy blocks at all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void SignalConsumers()
    {
        if (IsBlockingWaitStrategy)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Rejects a claim size outside 1..<see cref="BufferSize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void ValidateClaimSize(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            RingExceptions.ClaimSizeOutOfRange(n, BufferSize);
        }
    }
}
