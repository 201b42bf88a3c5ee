using Engine.Core.Orders;

namespace Engine.Core.Events;

/// <summary>
/// The argument of a <see cref="CommandKind.Order"/> input: the instrument token in the high 32
/// bits, the side in bit 31 (set: sell), the quantity in shares in the low 31 bits.
/// </summary>
public static class OperatorOrder
{
    /// <summary>The largest quantity one command carries.</summary>
    public const long MaxQuantity = int.MaxValue;

    /// <summary>Packs an order into a command argument.</summary>
    public static long Pack(uint instrumentToken, Side side, long quantity)
    {
        if (quantity is <= 0 or > MaxQuantity)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"An operator's order carries 1 to {MaxQuantity} shares.");
        }

        return (long)(((ulong)instrumentToken << 32) | (side == Side.Sell ? 1UL << 31 : 0) | (ulong)quantity);
    }

    /// <summary>Reads a command argument back.</summary>
    public static (uint InstrumentToken, Side Side, long Quantity) Unpack(long argument)
    {
        ulong bits = (ulong)argument;
        return ((uint)(bits >> 32), (bits & (1UL << 31)) != 0 ? Side.Sell : Side.Buy, (long)(bits & 0x7FFF_FFFF));
    }
}
