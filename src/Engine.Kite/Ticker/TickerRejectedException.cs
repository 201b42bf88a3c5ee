namespace Engine.Kite.Ticker;

/// <summary>Kite refused the ticker handshake (wrong or expired credentials): retrying cannot help.</summary>
public sealed class TickerRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TickerRejectedException(string message, int? httpStatus = null, Exception? inner = null)
        : base(message, inner) => HttpStatus = httpStatus;

    /// <summary>Creates the exception.</summary>
    public TickerRejectedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TickerRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TickerRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status of the refused upgrade, if known.</summary>
    public int? HttpStatus { get; }
}
