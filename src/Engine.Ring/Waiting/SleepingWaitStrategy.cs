namespace Engine.Ring;

/// <summary>
/// Spins, then yields, then sleeps for short intervals: near-zero CPU when idle, at the price of
/// up to one sleep interval of extra latency on the first event after a quiet spell.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;
    private readonly long _sleepNanoseconds;

    /// <summary>Creates the strategy; <paramref name="sleepNanoseconds"/> is the pause once spinning and yielding found nothing.</summary>
    public SleepingWaitStrategy(long sleepNanoseconds = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sleepNanoseconds);
        _sleepNanoseconds = sleepNanoseconds;
        ShortSleep.Bind();
    }

    /// <inheritdoc/>
    public string Name => "sleeping";

    /// <inheritdoc/>
    public bool IsBlockingStrategy => false;

    /// <inheritdoc/>
    public SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier)
    {
        int counter = SpinTries + YieldTries;
        long available;
        while ((available = dependentSequence.Value) < sequence)
        {
            barrier.CheckAlert();
            if (counter > YieldTries)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                ShortSleep.Sleep(_sleepNanoseconds);
            }
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
