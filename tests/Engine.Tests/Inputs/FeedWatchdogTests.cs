using System.Collections.Concurrent;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Host.Inputs;
using Engine.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Inputs;

/// <summary>
/// The feed watchdog: silence during market hours for the configured time is one journaled
/// stale-feed input and one reconnect, never more per spell; silence while the market is shut is
/// normal; the first tick after a spell is a restored-feed input. The risk engine moves to
/// reducing-only on it when its rule set says so.
/// </summary>
public sealed class FeedWatchdogTests
{
    [Fact]
    public void SilenceInMarketHoursIsOneStaleInputAndOneReconnectThenTheFirstTickRestoresIt()
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
        var commands = new ConcurrentQueue<(CommandKind Command, long Argument)>();
        var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(new CommandCollector(commands));
        pipeline.Start();
        long ticks = 0;
        bool open = false;
        int reconnects = 0;
        var watchdog = new FeedWatchdog(TimeSpan.FromSeconds(30), () => ticks, () => open, new InputPublisher(ring), () => reconnects++, NullLogger.Instance);

        for (int s = 0; s <= 120; s += 5)
        {
            watchdog.Check(TimeSpan.FromSeconds(s));   // shut: silence is normal
        }

        // The silence counts from the last look with the market shut (120 s).
        open = true;
        watchdog.Check(TimeSpan.FromSeconds(125));
        watchdog.Check(TimeSpan.FromSeconds(145));    // 25 s of silence
        Assert.Equal(0, reconnects);
        watchdog.Check(TimeSpan.FromSeconds(150));    // 30 s
        watchdog.Check(TimeSpan.FromSeconds(200));
        Assert.Equal((1, 1L), (reconnects, watchdog.StaleSpells));

        ticks = 5;
        watchdog.Check(TimeSpan.FromSeconds(201));
        watchdog.Check(TimeSpan.FromSeconds(202));
        pipeline.WaitUntilDrained(TimeSpan.FromSeconds(5));
        pipeline.Shutdown(TimeSpan.FromSeconds(5));
        Assert.Equal([(CommandKind.FeedStale, 30L), (CommandKind.FeedRestored, 0L)], commands.ToArray());
    }

    [Fact]
    public void AStaleFeedMovesTradingToReducingOnlyWhenTheRuleSetSaysSo()
    {
        var on = new RiskHarness(new RiskGateOptions { Budgets = RiskHarness.NoBudgets, States = new TradingStateOptions { ReduceOnStaleFeed = true } });
        on.Command(CommandKind.FeedStale);
        Assert.Equal((TradingState.Reducing, TradingStateTrigger.FeedStale), (on.Context.State, on.Last.RiskChanges[0].Trigger));
        Assert.True(on.Context.FeedStale);
        on.Command(CommandKind.FeedRestored);
        Assert.False(on.Context.FeedStale);
        Assert.Equal(TradingState.Reducing, on.Context.State);   // the operator resumes; the feed's return does not loosen

        var off = new RiskHarness(new RiskGateOptions { Budgets = RiskHarness.NoBudgets });
        off.Command(CommandKind.FeedStale);
        Assert.Equal(TradingState.Active, off.Context.State);
    }

    [Fact]
    public void TicksWhoseExchangeTimeStandsStillAreAStaleFeedUntilItMovesAgain()
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
        var commands = new ConcurrentQueue<(CommandKind Command, long Argument)>();
        var reasons = new ConcurrentQueue<string>();
        var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(new CommandCollector(commands, reasons));
        pipeline.Start();
        long ticks = 0, exchange = 1_764_646_200;   // 09:00 IST on 2025-12-02
        int reconnects = 0;
        var watchdog = new FeedWatchdog(TimeSpan.FromSeconds(30), () => ticks, () => true, new InputPublisher(ring), () => reconnects++, NullLogger.Instance, exchangeTime: () => exchange);

        for (int s = 0; s <= 20; s++)
        {
            ticks++;
            exchange++;
            watchdog.Check(TimeSpan.FromSeconds(s));   // ticks and the exchange clock both move
        }

        for (int s = 21; s <= 60; s++)
        {
            ticks++;
            watchdog.Check(TimeSpan.FromSeconds(s));   // ticks arrive, the exchange clock stands
        }

        Assert.Equal((1, 1L), (reconnects, watchdog.StaleSpells));
        ticks++;
        exchange++;
        watchdog.Check(TimeSpan.FromSeconds(61));
        pipeline.WaitUntilDrained(TimeSpan.FromSeconds(5));
        pipeline.Shutdown(TimeSpan.FromSeconds(5));
        Assert.Equal([(CommandKind.FeedStale, 30L), (CommandKind.FeedRestored, 0L)], commands.ToArray());
        Assert.Equal("feed watchdog: ticks arrive but their exchange time has stood at 09:00:21 IST for 30 s during market hours", reasons.First());
    }

    [Fact]
    public void WithoutExchangeTimestampsFlowingTicksAreNeverStale()
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
        long ticks = 0;
        int reconnects = 0;
        var watchdog = new FeedWatchdog(TimeSpan.FromSeconds(30), () => ticks, () => true, new InputPublisher(ring), () => reconnects++, NullLogger.Instance, exchangeTime: () => 0);
        for (int s = 0; s <= 120; s++)
        {
            ticks++;
            watchdog.Check(TimeSpan.FromSeconds(s));
        }

        Assert.Equal((0, 0L), (reconnects, watchdog.StaleSpells));
    }

    private sealed class CommandCollector(ConcurrentQueue<(CommandKind, long)> commands, ConcurrentQueue<string>? reasons = null) : IEventHandler<RingEvent>
    {
        public string Name => "commands";

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            if (data.Kind == EventKind.Command)
            {
                commands.Enqueue((data.Command, data.Argument));
                reasons?.Enqueue(System.Text.Encoding.UTF8.GetString(data.TextBytes));
            }
        }
    }
}
