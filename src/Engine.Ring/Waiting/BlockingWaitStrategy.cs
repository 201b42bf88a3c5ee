namespace Engine.Ring;

/// <summary>
/// Parks waiting consumers on a monitor until a producer publishes or a consumer they follow
/// moves: no CPU while idle, microseconds of wake-up latency. With a timeout, a wait that sees no
/// progress returns <see cref="SequenceWaitResult.Timeout"/> so the consumer can do idle work
/// (a journal's interval flush, a heartbeat).
/// </summary>
/// <remarks>
/// Signalling costs a lock only when someone is actually parked: a waiter raises
/// <c>_signalNeeded</c> under the lock before sleeping, and a signaller takes the lock only if it
/// can swap that flag back to zero. A full fence before the signaller reads the flag means a
/// publisher's cursor write can never be ordered after that read, which is what would lose a
/// wake-up; while nobody is parked a signal is that fence and one read.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly int _timeoutMilliseconds;
    private int _signalNeeded;

    /// <summary>Creates the strategy; with <paramref name="timeout"/>, waits return a timeout result after that long without progress.</summary>
    public BlockingWaitStrategy(TimeSpan? timeout = null)
    {
        if (timeout is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(timeout));
            _timeoutMilliseconds = (int)Math.Max(1, Math.Min(int.MaxValue, value.TotalMilliseconds));
            Timeout = value;
        }
        else
        {
            _timeoutMilliseconds = System.Threading.Timeout.Infinite;
        }
    }

    /// <summary>The wait timeout, if any.</summary>
    public TimeSpan? Timeout { get; }

    /// <inheritdoc/>
    public string Name => Timeout is null ? "blocking" : "blocking-timeout";

    /// <inheritdoc/>
    public bool IsBlockingStrategy => true;

    /// <inheritdoc/>
    public SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier)
    {
        long available = dependentSequence.Value;
        if (available >= sequence)
        {
            return available;
        }

        lock (_gate)
        {
            while ((available = dependentSequence.Value) < sequence)
            {
                barrier.CheckAlert();
                Interlocked.Exchange(ref _signalNeeded, 1);

                // Re-read after raising the flag: a publish that raced with it has either been seen
                // here or will see the flag and signal.
                if ((available = dependentSequence.Value) >= sequence)
                {
                    break;
                }

                if (!Monitor.Wait(_gate, _timeoutMilliseconds))
                {
                    available = dependentSequence.Value;
                    return available >= sequence ? available : SequenceWaitResult.Timeout;
                }
            }
        }

        barrier.CheckAlert();
        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
        // The fence keeps the read of the flag after this thread's cursor write (no store-load
        // reordering), so a waiter that raised the flag before reading the cursor is always seen.
        // Reading instead of swapping while nobody waits leaves the flag's cache line shared: a
        // producer and a consumer that both signal would otherwise take it from each other on
        // every event.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _signalNeeded) != 0 && Interlocked.Exchange(ref _signalNeeded, 0) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
