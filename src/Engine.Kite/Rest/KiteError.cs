using Engine.Core.Orders;

namespace Engine.Kite.Rest;

/// <summary>An error from Kite's API: its <c>error_type</c>, its message, and the HTTP status it came with (0: no answer).</summary>
/// <param name="Type">The error type; <see cref="BrokerError.RateLimit"/> for HTTP 429 whatever the body says.</param>
/// <param name="Message">Kite's message, or what the client saw instead.</param>
/// <param name="HttpStatus">The HTTP status; 0 for a timeout or a failed connection.</param>
public sealed record KiteError(BrokerError Type, string Message, int HttpStatus)
{
    /// <summary>Kite's name for an error type (<c>TokenException</c>, ...).</summary>
    public string TypeName => KiteErrorTypes.Name(Type);

    /// <inheritdoc/>
    public override string ToString() => HttpStatus == 0 ? $"{TypeName}: {Message}" : $"HTTP {HttpStatus} {TypeName}: {Message}";
}
