namespace Engine.Kite.Rest;

/// <summary>One historical candle as Kite gives it: the start time (IST), OHLC in rupees, volume, and open interest (0 unless asked for).</summary>
public sealed record KiteCandle(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, long Volume, long OpenInterest);
