namespace Engine.Core.Orders;

/// <summary>How long an order stays at the exchange (Kite's <c>validity</c>).</summary>
public enum Validity : byte
{
    /// <summary>Not set: <see cref="Day"/>.</summary>
    None = 0,

    /// <summary>Until the end of the day (<c>DAY</c>).</summary>
    Day = 1,

    /// <summary>Immediate or cancel: what does not fill at once is cancelled (<c>IOC</c>).</summary>
    Ioc = 2,

    /// <summary>For <see cref="OrderRequest.ValidityTtlMinutes"/> minutes (<c>TTL</c>).</summary>
    Ttl = 3,
}
