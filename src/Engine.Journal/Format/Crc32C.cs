using System.Buffers.Binary;
using System.Numerics;

namespace Engine.Journal.Format;

/// <summary>
/// CRC-32C (Castagnoli), as used by iSCSI, ext4 and most storage formats: the SSE 4.2 / ARMv8
/// CRC instruction where the CPU has it (through <see cref="BitOperations.Crc32C(uint, ulong)"/>,
/// which falls back to software elsewhere), 8 bytes per step.
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final XOR 0xFFFFFFFF; "123456789" gives 0xE3069283).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>Continues a running CRC state (start with <c>~0u</c>; finish with <c>~state</c>).</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }
}
