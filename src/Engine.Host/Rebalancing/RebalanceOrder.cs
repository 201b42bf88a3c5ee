using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Host.Rebalancing;

/// <summary>One delta order of a plan: from what is held to the target, in whole lots.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Shares.</param>
/// <param name="Held">Shares held before.</param>
/// <param name="Target">Shares to hold after.</param>
/// <param name="Price">The last price it was valued at (rupees).</param>
public sealed record RebalanceOrder(Instrument Instrument, Side Side, long Quantity, long Held, long Target, decimal Price)
{
    /// <summary>Its value at <see cref="Price"/>.</summary>
    public decimal Value => Quantity * Price;
}
