namespace Engine.Sim.Exchange;

/// <summary>The exchange's answer to an order request: the HTTP status and the body Kite would send.</summary>
/// <param name="HttpStatus">200, 400, 429, ...</param>
/// <param name="Body">The JSON body.</param>
/// <param name="OrderId">The order's id when one was created or addressed; else 0.</param>
public sealed record ExchangeAnswer(int HttpStatus, byte[] Body, ulong OrderId)
{
    /// <summary>Success, with the order id.</summary>
    public static ExchangeAnswer Placed(ulong orderId) => new(200, SimExchange.OrderIdJson(orderId), orderId);

    /// <summary>A refusal with Kite's error envelope.</summary>
    public static ExchangeAnswer Refused(int status, string errorType, string message) => new(status, SimExchange.ErrorJson(errorType, message), 0);

    /// <summary>HTTP 429.</summary>
    public static ExchangeAnswer TooManyRequests() => Refused(429, "GeneralException", "Too many requests: more than 10 order requests in one second.");
}
