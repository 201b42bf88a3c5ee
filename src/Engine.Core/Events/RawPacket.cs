using System.Runtime.CompilerServices;

namespace Engine.Core.Events;

/// <summary>The bytes of one tick packet exactly as the broker sent them, inline in the slot (the largest Kite packet is 184 bytes).</summary>
[InlineArray(Capacity)]
public struct RawPacket
{
    /// <summary>Bytes a slot can hold.</summary>
    public const int Capacity = 184;

    private byte _first;
}
