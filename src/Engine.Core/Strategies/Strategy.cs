using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Market;
using Engine.Core.Orders;

namespace Engine.Core.Strategies;

/// <summary>
/// A trading strategy: reads the events of its universe through a narrow context and emits signal
/// intents. It must be deterministic: no I/O, no wall clock, no randomness; the same events give
/// the same intents, which is what lets a replay verify a trading day. Instruments are numbered by
/// their position in the strategy's universe.
/// </summary>
public abstract class Strategy
{
    /// <summary>The bars the strategy wants, or null for ticks only.</summary>
    public virtual BarPeriod? BarPeriod => null;

    /// <summary>True when the strategy wants every tick (<see cref="OnTick"/>), not only bars. Read when the strategy host is built and again after every instance's <see cref="OnStart"/>, not per tick.</summary>
    public virtual bool WantsTicks => false;

    /// <summary>Called once before any event: define reasons, size state for the universe.</summary>
    public virtual void OnStart(StrategyContext context)
    {
    }

    /// <summary>A tick of universe instrument <paramref name="instrument"/>.</summary>
    public virtual void OnTick(int instrument, in Tick tick, StrategyContext context)
    {
    }

    /// <summary>A completed bar of universe instrument <paramref name="instrument"/>.</summary>
    public virtual void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
    }

    /// <summary>Every bar of the strategy's period that ended at <paramref name="periodEndNs"/> has been delivered: the place for decisions across the universe.</summary>
    public virtual void OnBarsClosed(long periodEndNs, StrategyContext context)
    {
    }

    /// <summary>An update of an order on universe instrument <paramref name="instrument"/>.</summary>
    public virtual void OnOrderUpdate(int instrument, in OrderUpdate update, StrategyContext context)
    {
    }

    /// <summary>Called once after the last event.</summary>
    public virtual void OnStop(StrategyContext context)
    {
    }
}
