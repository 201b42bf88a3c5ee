using System.Diagnostics;
using Engine.Core.Events;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Ring;
using HdrHistogram;

namespace Engine.Bench.Workloads;

/// <summary>
/// A ring consumer that runs one strategy host and nothing else, timing each tick's call into it
/// (the strategy's bars, indicators and decision) into an HdrHistogram, and counting what the
/// consumer thread allocates over the ticks after <paramref name="warmUpTicks"/>.
/// </summary>
public sealed class StrategyTimer(StrategyHost host, MarketClock clock, long warmUpTicks) : IEventHandler<RingEvent>
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private long _ticks;
    private long _allocatedAtWarmUp = -1;

    /// <inheritdoc/>
    public string Name => "strategy";

    /// <summary>Nanoseconds per tick in the strategy host, after the warm-up.</summary>
    public LongHistogram PerTick { get; } = new(1, 1_000_000_000, 3);

    /// <summary>Ticks handled.</summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Intents the strategy emitted.</summary>
    public long Intents { get; private set; }

    /// <summary>Bytes the consumer thread allocated after the warm-up (read on that thread at the end).</summary>
    public long AllocatedAfterWarmUp { get; private set; }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.Timer)
        {
            host.OnTime(ref data, data.Argument);
            return;
        }

        if (data.Kind != EventKind.Tick)
        {
            return;
        }

        long market = clock.ToMarket(data.ReceiveTimestampNs);
        long started = Stopwatch.GetTimestamp();
        host.OnTick(ref data, market);
        long took = Stopwatch.GetTimestamp() - started;
        Intents += data.IntentCount;
        long n = ++_ticks;
        if (n == warmUpTicks)
        {
            _allocatedAtWarmUp = GC.GetAllocatedBytesForCurrentThread();
        }
        else if (n > warmUpTicks)
        {
            PerTick.RecordValue(Math.Max(1, (long)(took * NanosecondsPerTick)));
        }

        if (endOfBatch && _allocatedAtWarmUp >= 0)
        {
            AllocatedAfterWarmUp = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtWarmUp;
        }

        Volatile.Write(ref _ticks, n);
    }
}
