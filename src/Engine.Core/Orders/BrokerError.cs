namespace Engine.Core.Orders;

/// <summary>The broker's classification of an error (Kite's <c>error_type</c>), kept with every refused request.</summary>
public enum BrokerError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary><c>TokenException</c>: the session expired or is invalid.</summary>
    Token = 1,

    /// <summary><c>UserException</c>: an account problem.</summary>
    User = 2,

    /// <summary><c>PermissionException</c>: the call is not permitted.</summary>
    Permission = 3,

    /// <summary><c>InputException</c>: missing or bad parameters.</summary>
    Input = 4,

    /// <summary><c>OrderException</c>: the order could not be placed or fetched.</summary>
    Order = 5,

    /// <summary><c>MarginException</c>: insufficient funds.</summary>
    Margin = 6,

    /// <summary><c>HoldingException</c>: insufficient holdings to sell.</summary>
    Holding = 7,

    /// <summary><c>NetworkException</c>: the broker's API could not reach its order system (or ours could not reach the API).</summary>
    Network = 8,

    /// <summary><c>DataException</c>: the broker's order system answered something its API did not understand.</summary>
    Data = 9,

    /// <summary><c>GeneralException</c>, or an error type this build does not know.</summary>
    General = 10,

    /// <summary>HTTP 429: too many requests.</summary>
    RateLimit = 11,

    /// <summary>No answer within the timeout.</summary>
    Timeout = 12,
}
