using System.Runtime.CompilerServices;

namespace Engine.Core.Instruments;

/// <summary>Facts per segment: the price divisor, whether it trades, and its Kite name.</summary>
public static class Segments
{
    /// <summary>The segment of an instrument token (<c>token &amp; 0xFF</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExchangeSegment Of(uint instrumentToken)
    {
        uint code = instrumentToken & 0xFF;
        return code is >= 1 and <= 9 ? (ExchangeSegment)code : ExchangeSegment.Unknown;
    }

    /// <summary>
    /// What a wire price is divided by to give rupees: 10,000,000 for CDS, 10,000 for BCD, 100
    /// otherwise (the official clients' values; the docs' prose about "four decimals" for CDS is wrong).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PriceDivisor(ExchangeSegment segment) => segment switch
    {
        ExchangeSegment.Cds => 10_000_000,
        ExchangeSegment.Bcd => 10_000,
        _ => 100,
    };

    /// <summary>False for indices, which are quoted but cannot be ordered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTradable(ExchangeSegment segment) => segment != ExchangeSegment.Indices;

    /// <summary>The exchange name Kite uses in orders (<c>NSE</c>, <c>NFO</c>, ...); indices report their exchange as given in the instruments file.</summary>
    public static string ExchangeName(ExchangeSegment segment) => segment switch
    {
        ExchangeSegment.Nse => "NSE",
        ExchangeSegment.Nfo => "NFO",
        ExchangeSegment.Cds => "CDS",
        ExchangeSegment.Bse => "BSE",
        ExchangeSegment.Bfo => "BFO",
        ExchangeSegment.Bcd => "BCD",
        ExchangeSegment.Mcx => "MCX",
        ExchangeSegment.Mcxsx => "MCXSX",
        ExchangeSegment.Indices => "INDICES",
        _ => "UNKNOWN",
    };

    /// <summary>Reads a segment name from an instruments file's <c>segment</c> column (<c>NSE</c>, <c>NFO-OPT</c>, <c>INDICES</c>, ...).</summary>
    public static ExchangeSegment Parse(string segmentColumn)
    {
        ArgumentNullException.ThrowIfNull(segmentColumn);
        string head = segmentColumn.Split('-')[0].Trim().ToUpperInvariant();
        return head switch
        {
            "NSE" => ExchangeSegment.Nse,
            "NFO" => ExchangeSegment.Nfo,
            "CDS" => ExchangeSegment.Cds,
            "BSE" => ExchangeSegment.Bse,
            "BFO" => ExchangeSegment.Bfo,
            "BCD" or "BSECDS" => ExchangeSegment.Bcd,
            "MCX" => ExchangeSegment.Mcx,
            "MCXSX" => ExchangeSegment.Mcxsx,
            "INDICES" => ExchangeSegment.Indices,
            _ => ExchangeSegment.Unknown,
        };
    }
}
