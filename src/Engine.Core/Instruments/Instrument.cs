namespace Engine.Core.Instruments;

/// <summary>One row of Kite's instruments file.</summary>
/// <param name="InstrumentToken">The token ticks and orders use (exchange_token * 256 + segment).</param>
/// <param name="ExchangeToken">The exchange's own token.</param>
/// <param name="TradingSymbol">e.g. INFY, NIFTY24DECFUT.</param>
/// <param name="Name">Company or underlying name.</param>
/// <param name="LastPrice">The file's (stale) last price, in rupees.</param>
/// <param name="Expiry">Expiry date for derivatives.</param>
/// <param name="Strike">Strike for options.</param>
/// <param name="TickSize">Price step in rupees.</param>
/// <param name="LotSize">Minimum order multiple.</param>
/// <param name="InstrumentType">EQ, FUT, CE, PE.</param>
/// <param name="SegmentName">The segment column (NSE, NFO-OPT, INDICES, ...).</param>
/// <param name="Exchange">The exchange column (NSE, BSE, NFO, ...).</param>
public sealed record Instrument(
    uint InstrumentToken,
    uint ExchangeToken,
    string TradingSymbol,
    string Name,
    decimal LastPrice,
    DateOnly? Expiry,
    decimal Strike,
    decimal TickSize,
    int LotSize,
    string InstrumentType,
    string SegmentName,
    string Exchange)
{
    /// <summary>The segment, from the token's low byte.</summary>
    public ExchangeSegment Segment => Segments.Of(InstrumentToken);

    /// <summary>Wire units per rupee for this instrument's prices.</summary>
    public int PriceDivisor => Segments.PriceDivisor(Segment);

    /// <summary>The tick size in wire units.</summary>
    public long TickSizeUnits => (long)decimal.Round(TickSize * PriceDivisor);

    /// <summary><c>EXCHANGE:SYMBOL</c>, the key Kite's quote API and the docs recommend for stored instruments.</summary>
    public string Key => $"{Exchange}:{TradingSymbol}";
}
