namespace Engine.Core.Market;

/// <summary>One level of the order book as Kite sends it: quantity, price (wire units) and order count.</summary>
public struct DepthLevel : IEquatable<DepthLevel>
{
    /// <summary>Price in the segment's wire units.</summary>
    public uint Price;

    /// <summary>Quantity at this price.</summary>
    public uint Quantity;

    /// <summary>Number of orders at this price (an int16 on the wire).</summary>
    public ushort Orders;

    /// <summary>Creates a level.</summary>
    public DepthLevel(uint price, uint quantity, ushort orders)
    {
        Price = price;
        Quantity = quantity;
        Orders = orders;
    }

    /// <inheritdoc/>
    public readonly bool Equals(DepthLevel other) => Price == other.Price && Quantity == other.Quantity && Orders == other.Orders;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is DepthLevel other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(Price, Quantity, Orders);

    /// <summary>Equality.</summary>
    public static bool operator ==(DepthLevel left, DepthLevel right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DepthLevel left, DepthLevel right) => !left.Equals(right);

    /// <inheritdoc/>
    public override readonly string ToString() => $"{Quantity}@{Price}({Orders})";
}
