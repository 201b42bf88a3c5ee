namespace Engine.Kite.Rest;

/// <summary>
/// Kite's historical-candle intervals: the minutes each spans (a day is one 375-minute session)
/// and the longest range one request may ask for, in days (PROTOCOL.md §2: undocumented by Kite,
/// reported by its users through the error "interval exceeds max limit: N days").
/// </summary>
public static class KiteHistoricalIntervals
{
    /// <summary>Minutes of one candle and the days one request may span, by interval name.</summary>
    public static IReadOnlyDictionary<string, (int Minutes, int MaxDays)> All { get; } = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["minute"] = (1, 60),
        ["3minute"] = (3, 100),
        ["5minute"] = (5, 100),
        ["10minute"] = (10, 100),
        ["15minute"] = (15, 200),
        ["30minute"] = (30, 200),
        ["60minute"] = (60, 400),
        ["day"] = (375, 2000),
    };
}
