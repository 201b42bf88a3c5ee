namespace Engine.Ring;

/// <summary>
/// The top of a specialised <see cref="FusedEventHandler{T}"/>: events go down the chain of
/// direct calls, while the name, the start and the shutdown stay the fused handler's own (every
/// stage still gets its start and shutdown even if an earlier one throws).
/// </summary>
/// <typeparam name="T">The ring slot type.</typeparam>
/// <typeparam name="TChain">The chain of <see cref="FusedLink{T, TFirst, TRest}"/> over the stages' proxies.</typeparam>
public struct FusedRoot<T, TChain> : IEventHandler<T>
    where T : struct
    where TChain : IEventHandler<T>
{
    private readonly FusedEventHandler<T> _fused;
    private TChain _chain;

    /// <summary>Runs <paramref name="fused"/>'s stages through <paramref name="chain"/>.</summary>
    public FusedRoot(FusedEventHandler<T> fused, TChain chain)
    {
        ArgumentNullException.ThrowIfNull(fused);
        _fused = fused;
        _chain = chain;
    }

    /// <inheritdoc/>
    public readonly string Name => _fused.Name;

    /// <inheritdoc/>
    public void OnEvent(ref T data, long sequence, bool endOfBatch) => _chain.OnEvent(ref data, sequence, endOfBatch);

    /// <inheritdoc/>
    public void OnBatchStart(long batchSize) => _chain.OnBatchStart(batchSize);

    /// <inheritdoc/>
    public void OnTimeout(long sequence) => _chain.OnTimeout(sequence);

    /// <inheritdoc/>
    public readonly void OnStart() => ((IEventHandler<T>)_fused).OnStart();

    /// <inheritdoc/>
    public readonly void OnShutdown() => ((IEventHandler<T>)_fused).OnShutdown();
}
