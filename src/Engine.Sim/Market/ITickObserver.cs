using Engine.Core.Market;

namespace Engine.Sim.Market;

/// <summary>Sees every tick the simulated market makes, on the market's thread, as it is made (the exchange matches against them).</summary>
public interface ITickObserver
{
    /// <summary>One new tick.</summary>
    void OnTick(in Tick tick);
}
