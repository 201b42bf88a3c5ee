namespace Engine.Ring;

/// <summary>
/// Spins on the sequence without ever giving up the core: the lowest latency, and a whole core
/// burned per waiting consumer. Use only when every spinning thread has a core to itself.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc/>
    public string Name => "busy-spin";

    /// <inheritdoc/>
    public bool IsBlockingStrategy => false;

    /// <inheritdoc/>
    public SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = dependentSequence.Value) < sequence)
        {
            barrier.CheckAlert();

            // A PAUSE: tells the core this is a spin loop, which saves power and frees the sibling hyper-thread.
            Thread.SpinWait(1);
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
