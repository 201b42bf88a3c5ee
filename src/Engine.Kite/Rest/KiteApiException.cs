namespace Engine.Kite.Rest;

/// <summary>Kite refused a call (or did not answer): the error type, the message and the HTTP status are kept.</summary>
public class KiteApiException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public KiteApiException(KiteError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>An empty exception (for serializers).</summary>
    public KiteApiException()
        : this(new KiteError(Core.Orders.BrokerError.General, "unknown error", 0))
    {
    }

    /// <summary>An exception with a message only.</summary>
    public KiteApiException(string message)
        : this(new KiteError(Core.Orders.BrokerError.General, message, 0))
    {
    }

    /// <summary>An exception with a message and a cause.</summary>
    public KiteApiException(string message, Exception inner)
        : base(message, inner) => Error = new KiteError(Core.Orders.BrokerError.General, message, 0);

    /// <summary>What Kite said.</summary>
    public KiteError Error { get; }
}
