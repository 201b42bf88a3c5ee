using System.Buffers.Text;

namespace Engine.Core.Orders;

/// <summary>
/// The engine's own order ids: deterministic from the input that caused the order, so a replay
/// derives the same ids, and unique across a journal (input sequences never repeat). An id goes to
/// Kite as the order's <c>tag</c> (at most 20 characters, alphanumeric: a u64 in decimal has at
/// most 20 digits), which is how the gateway finds an order whose answer was lost.
/// </summary>
public static class OrderIds
{
    /// <summary>The engine's own orders (square-off, flatten) have the top bit set, so they never collide with a strategy's.</summary>
    public const ulong SystemBit = 1UL << 63;

    /// <summary>Orders one input can start from intents (one per intent slot).</summary>
    public const int PerInputIntents = Events.IntentBuffer.Capacity;

    /// <summary>The id of the order an accepted intent became: <c>(input sequence + 1) × 16 + intent index</c>.</summary>
    public static ulong ForIntent(long inputSequence, int intentIndex) => ((ulong)(inputSequence + 1) * PerInputIntents) + (ulong)intentIndex;

    /// <summary>The id of the engine's own <paramref name="index"/>-th order on an input (below 64).</summary>
    public static ulong ForSystem(long inputSequence, int index) => SystemBit | ((ulong)(inputSequence + 1) << 6) | (uint)(index & 63);

    /// <summary>True for the engine's own orders.</summary>
    public static bool IsSystem(ulong clientOrderId) => (clientOrderId & SystemBit) != 0;

    /// <summary>Writes the tag for <paramref name="clientOrderId"/>; returns its length (at most 20).</summary>
    public static int FormatTag(ulong clientOrderId, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(clientOrderId, destination, out int written);
        return written;
    }

    /// <summary>Reads a tag the engine wrote back into its order id; false for any other tag (an order placed by hand, or by another program).</summary>
    public static bool TryParseTag(ReadOnlySpan<byte> tag, out ulong clientOrderId)
    {
        clientOrderId = 0;
        return tag.Length is > 0 and <= 20 && tag[0] is >= (byte)'0' and <= (byte)'9'
            && Utf8Parser.TryParse(tag, out clientOrderId, out int consumed) && consumed == tag.Length && clientOrderId != 0;
    }
}
