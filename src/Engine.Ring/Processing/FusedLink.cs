namespace Engine.Ring;

/// <summary>
/// Two handlers called one after the other, as one struct: a chain of these (the second of each
/// link the next link) is how <see cref="BatchEventProcessors.Create"/> specialises a
/// <see cref="FusedEventHandler{T}"/>, so every stage on a fused thread is a direct call rather
/// than an interface call at one call site shared by all of them.
/// </summary>
/// <typeparam name="T">The ring slot type.</typeparam>
/// <typeparam name="TFirst">The first handler (a struct proxy).</typeparam>
/// <typeparam name="TRest">The rest of the chain.</typeparam>
public struct FusedLink<T, TFirst, TRest> : IEventHandler<T>
    where T : struct
    where TFirst : IEventHandler<T>
    where TRest : IEventHandler<T>
{
    // Not readonly: struct handlers keep their state here, and calls must not work on copies.
    private TFirst _first;
    private TRest _rest;

    /// <summary>Links <paramref name="first"/> before <paramref name="rest"/>.</summary>
    public FusedLink(TFirst first, TRest rest)
    {
        _first = first;
        _rest = rest;
    }

    /// <inheritdoc/>
    public readonly string Name => _first.Name + "+" + _rest.Name;

    /// <inheritdoc/>
    public void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
        _first.OnEvent(ref data, sequence, endOfBatch);
        _rest.OnEvent(ref data, sequence, endOfBatch);
    }

    /// <inheritdoc/>
    public void OnBatchStart(long batchSize)
    {
        _first.OnBatchStart(batchSize);
        _rest.OnBatchStart(batchSize);
    }

    /// <inheritdoc/>
    public void OnTimeout(long sequence)
    {
        _first.OnTimeout(sequence);
        _rest.OnTimeout(sequence);
    }
}
