namespace Engine.Host.Configuration;

/// <summary>What the engine trades against.</summary>
public enum EngineMode
{
    /// <summary>The local Kite-compatible simulator (started in-process unless a ticker URL is given).</summary>
    Sim = 0,

    /// <summary>Live market data, orders to the in-process paper broker.</summary>
    Paper = 1,

    /// <summary>Live market data, orders to Kite.</summary>
    Live = 2,

    /// <summary>Historical bars turned into ticks, orders to the in-process paper broker (<c>engine backtest</c>; not a configuration mode).</summary>
    Backtest = 3,
}
