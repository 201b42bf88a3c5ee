using System.Runtime.CompilerServices;

namespace Engine.Core.Orders;

/// <summary>Kite's order <c>tag</c> (at most 20 alphanumeric characters), inline so an order update allocates nothing.</summary>
[InlineArray(Capacity)]
public struct OrderTag
{
    /// <summary>Kite's limit on a tag's length.</summary>
    public const int Capacity = 20;

    private byte _first;
}
