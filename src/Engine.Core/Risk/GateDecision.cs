using Engine.Core.Orders;

namespace Engine.Core.Risk;

/// <summary>The risk gate's decision on one intent, written beside it in the ring slot, with the order it became when accepted.</summary>
public struct GateDecision
{
    /// <summary>Accepted, rejected or resized.</summary>
    public RiskVerdict Verdict;

    /// <summary>The deciding rule.</summary>
    public RiskRule Rule;

    /// <summary>The order, when accepted.</summary>
    public OrderRequest Order;

    /// <summary>True when the verdict lets an order out.</summary>
    public readonly bool IsAccepted => Verdict is RiskVerdict.Accepted or RiskVerdict.Resized;
}
