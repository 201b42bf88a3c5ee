namespace Engine.Ring;

/// <summary>Builds the consumer loop for a handler: specialised for its class where the runtime allows, the interface loop otherwise.</summary>
public static class BatchEventProcessors
{
    /// <summary>
    /// A consumer of <paramref name="ringBuffer"/> that waits on <paramref name="barrier"/> and
    /// calls <paramref name="handler"/>. For a public sealed handler class the loop is compiled
    /// for that class (through a generated struct proxy), so each event costs a direct call the
    /// JIT may inline; otherwise each event is an interface call. A fused handler whose stages
    /// are all such classes becomes a chain of direct calls (<see cref="FusedLink{T, TFirst, TRest}"/>).
    /// </summary>
    public static IEventProcessor Create<T>(RingBuffer<T> ringBuffer, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (handler is FusedEventHandler<T> fused && Chain(fused) is { } chain)
        {
            // Every stage of the fused thread a direct call: a chain of links over their proxies.
            var rootType = typeof(FusedRoot<,>).MakeGenericType(typeof(T), chain.Type);
            object root = Activator.CreateInstance(rootType, fused, chain.Instance)!;
            var fusedProcessorType = typeof(BatchEventProcessor<,>).MakeGenericType(typeof(T), rootType);
            return (IEventProcessor)Activator.CreateInstance(fusedProcessorType, ringBuffer, barrier, root, exceptionHandler)!;
        }

        if (HandlerProxy.For<T>(handler.GetType()) is { } proxyType)
        {
            object proxy = Activator.CreateInstance(proxyType, handler)!;
            var processorType = typeof(BatchEventProcessor<,>).MakeGenericType(typeof(T), proxyType);
            return (IEventProcessor)Activator.CreateInstance(processorType, ringBuffer, barrier, proxy, exceptionHandler)!;
        }

        return Interface(ringBuffer, barrier, handler, exceptionHandler);
    }

    // The fused handler's stages as nested links of struct proxies, or null when a stage has no
    // proxy (it then runs as one proxied fused handler, its stages called through the interface).
    private static (Type Type, object Instance)? Chain<T>(FusedEventHandler<T> fused)
        where T : struct
    {
        var stages = fused.Handlers;
        (Type Type, object Instance)? rest = null;
        for (int i = stages.Count - 1; i >= 0; i--)
        {
            if (HandlerProxy.For<T>(stages[i].GetType()) is not { } proxyType)
            {
                return null;
            }

            object proxy = Activator.CreateInstance(proxyType, stages[i])!;
            if (rest is not { } next)
            {
                rest = (proxyType, proxy);
                continue;
            }

            var linkType = typeof(FusedLink<,,>).MakeGenericType(typeof(T), proxyType, next.Type);
            rest = (linkType, Activator.CreateInstance(linkType, proxy, next.Instance)!);
        }

        return rest;
    }

    /// <summary>The plain loop: one interface call per event, whatever the handler.</summary>
    public static BatchEventProcessor<T, IEventHandler<T>> Interface<T>(RingBuffer<T> ringBuffer, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null)
        where T : struct => new(ringBuffer, barrier, handler, exceptionHandler);
}
