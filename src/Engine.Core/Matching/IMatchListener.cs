namespace Engine.Core.Matching;

/// <summary>What a <see cref="MatchingBook"/> reports as it matches: fills, triggers and expiries, in the order they happen.</summary>
public interface IMatchListener
{
    /// <summary>Order <paramref name="orderId"/> filled <paramref name="quantity"/> at <paramref name="price"/> (wire units).</summary>
    void OnFill(ulong orderId, long quantity, long price);

    /// <summary>An SL or SL-M order's trigger was reached; it now works as a limit or market order.</summary>
    void OnTriggered(ulong orderId);

    /// <summary>An IOC order's unfilled <paramref name="remaining"/> was cancelled.</summary>
    void OnExpired(ulong orderId, long remaining);
}
