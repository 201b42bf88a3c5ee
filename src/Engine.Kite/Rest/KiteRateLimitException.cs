namespace Engine.Kite.Rest;

/// <summary>
/// HTTP 429: Kite refused the call for the rate (10 orders a second, and the other limits of
/// PROTOCOL.md §2.9). The call was not queued; repeating it blindly risks the app being blocked,
/// so nothing here ever retries it.
/// </summary>
public sealed class KiteRateLimitException : KiteApiException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public KiteRateLimitException(KiteError error)
        : base(error)
    {
    }

    /// <summary>An empty exception (for serializers).</summary>
    public KiteRateLimitException()
        : base(new KiteError(Core.Orders.BrokerError.RateLimit, "too many requests", 429))
    {
    }

    /// <summary>An exception with a message only.</summary>
    public KiteRateLimitException(string message)
        : base(new KiteError(Core.Orders.BrokerError.RateLimit, message, 429))
    {
    }

    /// <summary>An exception with a message and a cause.</summary>
    public KiteRateLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
