using System.Buffers.Binary;

namespace Engine.Kite.Ticks;

/// <summary>
/// Splits one binary ticker frame into its packets: a big-endian packet count, then each packet
/// behind its own big-endian length. Never reads past the frame; on damage it stops and says
/// where, having returned every complete packet before it.
/// </summary>
public ref struct PacketReader
{
    private readonly ReadOnlySpan<byte> _frame;
    private int _offset;

    /// <summary>Starts reading <paramref name="frame"/>.</summary>
    public PacketReader(ReadOnlySpan<byte> frame)
    {
        _frame = frame;
        if (frame.Length == 0)
        {
            Damage = FrameDamage.Empty;
        }
        else if (frame.Length < 2)
        {
            Damage = FrameDamage.HeaderTruncated;
        }
        else
        {
            DeclaredCount = BinaryPrimitives.ReadUInt16BigEndian(frame);
            _offset = 2;
        }
    }

    /// <summary>The packet count the frame header declares.</summary>
    public int DeclaredCount { get; }

    /// <summary>Packets returned so far.</summary>
    public int PacketsRead { get; private set; }

    /// <summary>What stopped the reader early, if anything.</summary>
    public FrameDamage Damage { get; private set; }

    /// <summary>The byte offset in the frame where the damage starts.</summary>
    public readonly int DamageOffset => _offset;

    /// <summary>Returns the next packet, or false at the end of the frame or at damage.</summary>
    public bool TryRead(out ReadOnlySpan<byte> packet)
    {
        packet = default;
        if (Damage != FrameDamage.None)
        {
            return false;
        }

        if (PacketsRead >= DeclaredCount)
        {
            if (_offset < _frame.Length)
            {
                Damage = FrameDamage.TrailingBytes;
            }

            return false;
        }

        if (_frame.Length - _offset < 2)
        {
            Damage = FrameDamage.LengthTruncated;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_frame[_offset..]);
        if (_frame.Length - _offset - 2 < length)
        {
            Damage = FrameDamage.PacketTruncated;
            return false;
        }

        packet = _frame.Slice(_offset + 2, length);
        _offset += 2 + length;
        PacketsRead++;
        return true;
    }

    /// <summary>A sentence for logs: what is wrong and where.</summary>
    public readonly string DescribeDamage() => Damage switch
    {
        FrameDamage.None => "frame is whole",
        FrameDamage.Empty => "empty frame",
        FrameDamage.HeaderTruncated => $"frame of {_frame.Length} byte is shorter than its 2-byte packet count",
        FrameDamage.LengthTruncated => $"frame declares {DeclaredCount} packets but ends inside the length of packet {PacketsRead + 1} at byte {_offset} of {_frame.Length}",
        FrameDamage.PacketTruncated => $"frame declares {DeclaredCount} packets but packet {PacketsRead + 1} at byte {_offset} claims more bytes than the {_frame.Length - _offset - 2} left",
        FrameDamage.TrailingBytes => $"frame has {_frame.Length - _offset} bytes after its {DeclaredCount} declared packets",
        _ => Damage.ToString(),
    };
}
