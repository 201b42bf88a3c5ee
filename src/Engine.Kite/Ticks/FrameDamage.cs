namespace Engine.Kite.Ticks;

/// <summary>Why a binary frame could not be read to its end. Every complete packet before the damage is still used.</summary>
public enum FrameDamage : byte
{
    /// <summary>The frame is whole.</summary>
    None = 0,

    /// <summary>A zero-length frame.</summary>
    Empty,

    /// <summary>Shorter than the 2-byte packet count.</summary>
    HeaderTruncated,

    /// <summary>Ended inside a packet's 2-byte length prefix.</summary>
    LengthTruncated,

    /// <summary>A packet's length prefix points past the end of the frame.</summary>
    PacketTruncated,

    /// <summary>Bytes remain after the declared number of packets.</summary>
    TrailingBytes,
}
