namespace Engine.Kite.Ticker;

/// <summary>The <c>type</c> of a ticker text frame.</summary>
public enum TextFrameKind
{
    /// <summary>A type this engine does not know, or no type.</summary>
    Other,

    /// <summary><c>order</c>: an order update.</summary>
    Order,

    /// <summary><c>error</c>.</summary>
    Error,

    /// <summary><c>message</c>: a broker message.</summary>
    Message,
}
