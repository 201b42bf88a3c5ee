namespace Engine.Kite.Ticks;

/// <summary>Kite's packet lengths: a packet's kind is known only by its length.</summary>
public static class TickPacket
{
    /// <summary>LTP mode: token and last price.</summary>
    public const int LtpLength = 8;

    /// <summary>Index quote: token, last, high, low, open, close, change.</summary>
    public const int IndexQuoteLength = 28;

    /// <summary>Index full: the index quote plus the exchange timestamp.</summary>
    public const int IndexFullLength = 32;

    /// <summary>Quote mode of a tradable instrument.</summary>
    public const int QuoteLength = 44;

    /// <summary>Full mode of a tradable instrument, with 5+5 depth.</summary>
    public const int FullLength = 184;

    /// <summary>The largest packet, and so the raw bytes a ring slot keeps.</summary>
    public const int MaxLength = FullLength;

    /// <summary>True for the five lengths Kite defines.</summary>
    public static bool IsKnownLength(int length) =>
        length is LtpLength or IndexQuoteLength or IndexFullLength or QuoteLength or FullLength;
}
