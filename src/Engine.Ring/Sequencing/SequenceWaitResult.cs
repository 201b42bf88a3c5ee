using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// What a wait returned: the highest sequence now available, or a timeout. A value, not an
/// exception, because timeouts are routine for a consumer that flushes on idle.
/// </summary>
public readonly struct SequenceWaitResult : IEquatable<SequenceWaitResult>
{
    private const long TimeoutValue = long.MinValue;

    private SequenceWaitResult(long value) => Value = value;

    /// <summary>The highest available sequence; meaningless when <see cref="IsTimeout"/>.</summary>
    public long Value { get; }

    /// <summary>True when the wait gave up before the requested sequence became available.</summary>
    public bool IsTimeout
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Value == TimeoutValue;
    }

    /// <summary>The result of a wait that timed out.</summary>
    public static SequenceWaitResult Timeout => new(TimeoutValue);

    /// <summary>A result carrying the highest available sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SequenceWaitResult Available(long sequence) => new(sequence);

    /// <summary>Wraps an available sequence.</summary>
    public static implicit operator SequenceWaitResult(long sequence) => new(sequence);

    /// <inheritdoc/>
    public bool Equals(SequenceWaitResult other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SequenceWaitResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Equality by value.</summary>
    public static bool operator ==(SequenceWaitResult left, SequenceWaitResult right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(SequenceWaitResult left, SequenceWaitResult right) => !left.Equals(right);

    /// <summary>Same as the implicit conversion, for languages without it.</summary>
    public static SequenceWaitResult FromInt64(long sequence) => new(sequence);

    /// <inheritdoc/>
    public override string ToString() => IsTimeout ? "timeout" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
