namespace Engine.Cli.Demo;

/// <summary>The demo's ring slot: a synthetic tick and what the logic stage derives from it.</summary>
public struct DemoTick
{
    /// <summary>Instrument index.</summary>
    public int Instrument;

    /// <summary>Last price in paise.</summary>
    public long LastPrice;

    /// <summary>Fast EMA after this tick (written by the logic stage).</summary>
    public double FastEma;

    /// <summary>+1 buy, -1 sell, 0 nothing (written by the logic stage).</summary>
    public int Signal;
}
