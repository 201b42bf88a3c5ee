using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>Throws kept out of line so the hot methods that may throw stay small enough to inline.</summary>
internal static class RingExceptions
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ClaimSizeOutOfRange(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"A claim must be between 1 and the ring size ({bufferSize}) slots.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Alerted() => throw AlertException.Instance;
}
