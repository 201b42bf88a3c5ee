namespace Engine.Core.Market;

/// <summary>The detail a tick carries, as subscribed with Kite's <c>mode</c> message.</summary>
public enum TickMode : byte
{
    /// <summary>Last price only (8-byte packet).</summary>
    Ltp = 1,

    /// <summary>Price, volumes and OHLC (44 bytes; 28 for an index).</summary>
    Quote = 2,

    /// <summary>Quote plus times, open interest and 5-level depth (184 bytes; 32 for an index).</summary>
    Full = 3,
}
