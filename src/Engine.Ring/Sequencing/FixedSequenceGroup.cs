namespace Engine.Ring;

/// <summary>The minimum of a fixed set of sequences: what a consumer that gates on several others may read up to.</summary>
public sealed class FixedSequenceGroup : ISequence
{
    private readonly Sequence[] _sequences;

    /// <summary>Creates a group over <paramref name="sequences"/> (copied).</summary>
    public FixedSequenceGroup(IEnumerable<Sequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        _sequences = sequences.ToArray();
        if (_sequences.Length == 0)
        {
            throw new ArgumentException("A sequence group needs at least one sequence.", nameof(sequences));
        }
    }

    /// <inheritdoc/>
    public long Value => Sequence.Minimum(_sequences);
}
