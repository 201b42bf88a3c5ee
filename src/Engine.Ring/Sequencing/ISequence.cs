namespace Engine.Ring;

/// <summary>A position in the ring that can be read: a single <see cref="Sequence"/> or the minimum of a group.</summary>
public interface ISequence
{
    /// <summary>The current value, read with acquire semantics.</summary>
    long Value { get; }
}
