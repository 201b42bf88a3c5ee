using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// What a consumer waits on: the producer cursor and, when the consumer comes later in the graph,
/// the sequences of the consumers it depends on. It can be alerted, which is how a consumer is
/// told to stop.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly ISequence _dependentSequence;
    private readonly Sequence? _singleDependent;
    private readonly bool _publishedInOrder;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence cursor, Sequence[] dependents)
    {
        _sequencer = sequencer;
        _waitStrategy = waitStrategy;
        _cursor = cursor;
        _dependentSequence = dependents.Length switch
        {
            0 => cursor,
            1 => dependents[0],
            _ => new FixedSequenceGroup(dependents),
        };
        _singleDependent = _dependentSequence as Sequence;
        _publishedInOrder = sequencer is SingleProducerSequencer;
        DependsOnConsumers = dependents.Length > 0;
    }

    /// <summary>True when this barrier gates on other consumers, not only the producer.</summary>
    public bool DependsOnConsumers { get; }

    /// <summary>The producer cursor.</summary>
    public long Cursor => _cursor.Value;

    /// <summary>True once <see cref="Alert"/> was called and not cleared.</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is available and returns the highest sequence that
    /// can be read in one batch (at least <paramref name="sequence"/>, unless the wait timed out).
    /// </summary>
    /// <exception cref="AlertException">The barrier was alerted.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceWaitResult WaitFor(long sequence)
    {
        CheckAlert();

        // A consumer that keeps up finds its next event already there: one read of the sequence
        // it follows, without the wait strategy's call or the interface read of a sequence group.
        if (_singleDependent is not null)
        {
            long available = _singleDependent.Value;
            if (available >= sequence)
            {
                return _publishedInOrder ? available : _sequencer.GetHighestPublishedSequence(sequence, available);
            }
        }

        var result = _waitStrategy.WaitFor(sequence, _cursor, _dependentSequence, this);
        if (result.IsTimeout || result.Value < sequence)
        {
            return result;
        }

        return _sequencer.GetHighestPublishedSequence(sequence, result.Value);
    }

    /// <summary>Throws <see cref="AlertException"/> if the barrier was alerted; wait strategies call it while they wait.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckAlert()
    {
        if (_alerted)
        {
            RingExceptions.Alerted();
        }
    }

    /// <summary>Tells the waiting consumer to stop waiting and check whether it should halt.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears a previous alert so the consumer can run again.</summary>
    public void ClearAlert() => _alerted = false;
}
