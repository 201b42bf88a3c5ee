namespace Engine.Core.Instruments;

/// <summary>The market segment, as Kite encodes it in the low byte of an instrument token.</summary>
public enum ExchangeSegment : byte
{
    /// <summary>Not a known segment.</summary>
    Unknown = 0,

    /// <summary>NSE cash market.</summary>
    Nse = 1,

    /// <summary>NSE futures and options.</summary>
    Nfo = 2,

    /// <summary>NSE currency derivatives (prices in units of 1e-7).</summary>
    Cds = 3,

    /// <summary>BSE cash market.</summary>
    Bse = 4,

    /// <summary>BSE futures and options.</summary>
    Bfo = 5,

    /// <summary>BSE currency derivatives (prices in units of 1e-4).</summary>
    Bcd = 6,

    /// <summary>MCX commodities.</summary>
    Mcx = 7,

    /// <summary>MCX-SX.</summary>
    Mcxsx = 8,

    /// <summary>Indices: quoted, never traded.</summary>
    Indices = 9,
}
