namespace Engine.Core.Orders;

/// <summary>What the broker's answer to a request amounted to.</summary>
public enum ReplyOutcome : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The broker took the request (an order id came back).</summary>
    Accepted = 1,

    /// <summary>The broker refused it (a 4xx other than 429, with its error type).</summary>
    Rejected = 2,

    /// <summary>HTTP 429: refused for the rate; never retried blindly.</summary>
    RateLimited = 3,

    /// <summary>No usable answer (a timeout, a lost connection, a 5xx): whether the broker has the order is not known.</summary>
    NoAnswer = 4,

    /// <summary>A look-up by tag after <see cref="NoAnswer"/> found the order at the broker.</summary>
    Found = 5,

    /// <summary>A look-up by tag after <see cref="NoAnswer"/> found no such order at the broker.</summary>
    Absent = 6,
}
