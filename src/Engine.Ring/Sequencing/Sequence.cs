using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// A 64-bit position in the ring (a producer cursor or a consumer's progress), padded so that no
/// other frequently written value shares its cache lines.
/// </summary>
/// <remarks>
/// <para>Memory semantics: <see cref="Value"/> is an acquire read; <see cref="SetValue"/> is a
/// release write (everything the writer did before, such as filling a slot, is visible to a reader
/// that sees the new value); <see cref="SetValueVolatile"/> is a full fence (a store-load barrier,
/// needed when the writer must then read another thread's sequence); <see cref="CompareAndSet"/>
/// and the add operations are atomic read-modify-writes.</para>
/// <para>Padding: the value sits 128 bytes from either end of the object. Modern x86 prefetchers
/// fetch cache lines in adjacent pairs, so 64 bytes of padding is not enough to stop a producer's
/// cursor and a consumer's sequence from invalidating each other.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Padding * 2 + sizeof(long))]
public sealed class Sequence : ISequence
{
    private const int Padding = 128;

    /// <summary>The value of a sequence that has seen nothing yet.</summary>
    public const long InitialValue = -1;

    [FieldOffset(Padding)]
    private long _value;

    /// <summary>Creates a sequence at <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <inheritdoc/>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value);
    }

    /// <summary>Release write: publishes everything written before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Full-fence write: no later read can move before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValueVolatile(long value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Atomically sets the value to <paramref name="newValue"/> if it equals <paramref name="expectedValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expectedValue, long newValue) =>
        Interlocked.CompareExchange(ref _value, newValue, expectedValue) == expectedValue;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <summary>Atomically adds one and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long IncrementAndGet() => Interlocked.Increment(ref _value);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> if it is smaller or the set is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Minimum(Sequence[] sequences, long minimum = long.MaxValue)
    {
        for (int i = 0; i < sequences.Length; i++)
        {
            long value = sequences[i].Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }

        return minimum;
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
