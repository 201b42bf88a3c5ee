using System.Numerics;

namespace Engine.Ring;

/// <summary>Checks a ring size: slots are found by masking the sequence, so the size must be a power of two.</summary>
public static class RingCapacity
{
    /// <summary>Throws a clear <see cref="ArgumentException"/> unless <paramref name="bufferSize"/> is a power of two of at least 1.</summary>
    public static void Validate(int bufferSize)
    {
        if (bufferSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "Ring size must be at least 1 slot.");
        }

        if (!BitOperations.IsPow2(bufferSize))
        {
            int below = (int)BitOperations.RoundUpToPowerOf2((uint)bufferSize) >> 1;
            int above = below << 1;
            throw new ArgumentException(
                $"Ring size must be a power of two, got {bufferSize}; the nearest are {below} and {above}.",
                nameof(bufferSize));
        }
    }
}
