namespace Engine.Host.Rebalancing;

/// <summary>What became of one delta order.</summary>
/// <param name="Order">The planned order.</param>
/// <param name="Outcome">complete, rejected, cancelled, denied (by the risk gate), open or unknown.</param>
/// <param name="Filled">Shares filled.</param>
/// <param name="AveragePrice">Their average price (rupees).</param>
/// <param name="Why">In words.</param>
public sealed record RebalanceResult(RebalanceOrder Order, string Outcome, long Filled, decimal AveragePrice, string Why)
{
    /// <summary>True when the delta is done in full.</summary>
    public bool Done => Outcome == "complete" && Filled == Order.Quantity;
}
