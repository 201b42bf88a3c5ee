using System.Diagnostics;

namespace Engine.Ring;

/// <summary>
/// Spins, then yields, then parks: a consumer that keeps up with a busy feed never leaves the spin
/// or yield phases (microsecond hand-offs), and one that sees nothing for longer than both phases
/// sleeps on a monitor until the next publish (no CPU in a quiet market). The phases are measured
/// in time, not iterations, so they mean the same on any machine.
/// </summary>
/// <remarks>
/// Producers signal on every publish, as for <see cref="BlockingWaitStrategy"/>; the signal is
/// a fence and a read of a flag unless a consumer is actually parked.
/// </remarks>
public sealed class PhasedBackoffWaitStrategy : IWaitStrategy
{
    /// <summary>The spin phase by default: about the gap between ticks at 100,000 a second.</summary>
    public static readonly TimeSpan DefaultSpin = TimeSpan.FromMicroseconds(10);

    /// <summary>The yield phase by default.</summary>
    public static readonly TimeSpan DefaultYield = TimeSpan.FromMicroseconds(50);

    // The clock is read once per this many spins: a timestamp costs about as much as a few spins.
    private const int SpinsPerClockRead = 64;

    private readonly BlockingWaitStrategy _parked;
    private readonly long _spinTicks;
    private readonly long _yieldTicks;

    /// <summary>Creates the strategy; <paramref name="blockingTimeout"/> bounds a parked wait (for consumers with idle work).</summary>
    public PhasedBackoffWaitStrategy(TimeSpan? spin = null, TimeSpan? yield = null, TimeSpan? blockingTimeout = null)
    {
        Spin = spin ?? DefaultSpin;
        Yield = yield ?? DefaultYield;
        ArgumentOutOfRangeException.ThrowIfLessThan(Spin, TimeSpan.Zero, nameof(spin));
        ArgumentOutOfRangeException.ThrowIfLessThan(Yield, TimeSpan.Zero, nameof(yield));
        _spinTicks = (long)(Spin.TotalSeconds * Stopwatch.Frequency);
        _yieldTicks = _spinTicks + (long)(Yield.TotalSeconds * Stopwatch.Frequency);
        _parked = new BlockingWaitStrategy(blockingTimeout);
    }

    /// <summary>How long a wait spins before it yields.</summary>
    public TimeSpan Spin { get; }

    /// <summary>How long it then yields before it parks.</summary>
    public TimeSpan Yield { get; }

    /// <inheritdoc/>
    public string Name => "phased";

    /// <inheritdoc/>
    public bool IsBlockingStrategy => true;

    /// <inheritdoc/>
    public SequenceWaitResult WaitFor(long sequence, Sequence cursor, ISequence dependentSequence, SequenceBarrier barrier)
    {
        long available;
        long started = 0;
        int spins = 0;
        while ((available = dependentSequence.Value) < sequence)
        {
            barrier.CheckAlert();
            if (++spins < SpinsPerClockRead)
            {
                Thread.SpinWait(1);
                continue;
            }

            spins = 0;
            long now = Stopwatch.GetTimestamp();
            if (started == 0)
            {
                started = now;
                continue;
            }

            long waited = now - started;
            if (waited > _yieldTicks)
            {
                return _parked.WaitFor(sequence, cursor, dependentSequence, barrier);
            }

            if (waited > _spinTicks)
            {
                Thread.Yield();
            }
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking() => _parked.SignalAllWhenBlocking();
}
