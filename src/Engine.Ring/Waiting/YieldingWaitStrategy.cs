namespace Engine.Ring;

/// <summary>
/// Spins briefly, then yields the core to any other ready thread between checks: low latency
/// without starving a producer that shares the core. The default on small machines.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    /// <inheritdoc/>
    public string Name => "yielding";

    /// <inheritdoc/>
    public bool IsBlockingStrategy => false;

    /// <inheritdoc/>
    public SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier)
    {
        int counter = SpinTries;
        long available;
        while ((available = dependentSequence.Value) < sequence)
        {
            barrier.CheckAlert();
            if (counter == 0)
            {
                Thread.Yield();
            }
            else
            {
                counter--;
                Thread.SpinWait(1);
            }
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
