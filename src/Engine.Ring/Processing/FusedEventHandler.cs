namespace Engine.Ring;

/// <summary>
/// Several handlers run one after another on one consumer thread. On a small machine this is how
/// a pipeline's stages share a core: each event passes through every stage in order, which also
/// satisfies every dependency between them without any cross-thread gating.
/// </summary>
public sealed class FusedEventHandler<T> : IEventHandler<T>
    where T : struct
{
    private readonly IEventHandler<T>[] _handlers;

    /// <summary>Fuses <paramref name="handlers"/>, called in the order given.</summary>
    public FusedEventHandler(params IEventHandler<T>[] handlers)
        : this(null, handlers)
    {
    }

    /// <summary>Fuses <paramref name="handlers"/> under one <paramref name="name"/> (the thread's name in placement reports and configuration).</summary>
    public FusedEventHandler(string? name, params IEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        if (handlers.Length == 0)
        {
            throw new ArgumentException("Fusing needs at least one handler.", nameof(handlers));
        }

        _handlers = (IEventHandler<T>[])handlers.Clone();
        Name = name ?? string.Join("+", _handlers.Select(h => h.Name));
    }

    /// <summary>The fused handlers, in call order.</summary>
    public IReadOnlyList<IEventHandler<T>> Handlers => _handlers;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
        var handlers = _handlers;
        for (int i = 0; i < handlers.Length; i++)
        {
            handlers[i].OnEvent(ref data, sequence, endOfBatch);
        }
    }

    /// <inheritdoc/>
    public void OnBatchStart(long batchSize)
    {
        foreach (var handler in _handlers)
        {
            handler.OnBatchStart(batchSize);
        }
    }

    /// <inheritdoc/>
    public void OnStart() => ForEachThenThrow(static handler => handler.OnStart());

    /// <inheritdoc/>
    public void OnShutdown() => ForEachThenThrow(static handler => handler.OnShutdown());

    /// <inheritdoc/>
    public void OnTimeout(long sequence)
    {
        foreach (var handler in _handlers)
        {
            handler.OnTimeout(sequence);
        }
    }

    // Every stage gets its start and shutdown call even if an earlier one throws: a journal must
    // still be flushed when the strategy before it failed to shut down cleanly.
    private void ForEachThenThrow(Action<IEventHandler<T>> action)
    {
        List<Exception>? failures = null;
        foreach (var handler in _handlers)
        {
            try
            {
                action(handler);
            }
            catch (Exception ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }
    }
}
