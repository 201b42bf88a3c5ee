namespace Engine.Ring;

/// <summary>
/// How a consumer waits for a sequence to become available: the trade between latency and CPU.
/// </summary>
public interface IWaitStrategy
{
    /// <summary>The name used in configuration and placement reports (<c>busy-spin</c>, <c>yielding</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// True when consumers may sleep on a lock and must be woken by <see cref="SignalAllWhenBlocking"/>;
    /// producers and consumers skip the signal call entirely otherwise.
    /// </summary>
    bool IsBlockingStrategy { get; }

    /// <summary>
    /// Waits until <paramref name="dependentSequence"/> (the cursor, or the consumers this one
    /// follows) reaches <paramref name="sequence"/>, and returns its value then; or a timeout.
    /// </summary>
    /// <exception cref="AlertException">The barrier was alerted while waiting.</exception>
    SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier);

    /// <summary>Wakes every consumer blocked in <see cref="WaitFor"/>; called after the cursor or a consumer sequence moves.</summary>
    void SignalAllWhenBlocking();
}
