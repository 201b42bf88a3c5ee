namespace Engine.Host.Backtests;

/// <summary>One historical candle: its start (Unix ns; a daily bar starts at the session's open), prices in rupees, and the volume traded in it.</summary>
public readonly record struct HistoricalBar(long TimeNs, decimal Open, decimal High, decimal Low, decimal Close, long Volume);
