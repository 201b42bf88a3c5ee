namespace Engine.Ring;

/// <summary>Builds the consumer loop for a handler: specialised for its class where the runtime allows, the interface loop otherwise.</summary>
public static class BatchEventProcessors
{
    /// <summary>
    /// A consumer of <paramref name="ringBuffer"/> that waits on <paramref name="barrier"/> and
    /// calls <paramref name="handler"/>. For a public sealed handler class the loop is compiled
    /// for that class (through a generated struct proxy), so each event costs a direct call the
    /// JIT may inline; otherwise each event is an interface call.
    /// </summary>
    public static IEventProcessor Create<T>(RingBuffer<T> ringBuffer, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (HandlerProxy.For<T>(handler.GetType()) is { } proxyType)
        {
            object proxy = Activator.CreateInstance(proxyType, handler)!;
            var processorType = typeof(BatchEventProcessor<,>).MakeGenericType(typeof(T), proxyType);
            return (IEventProcessor)Activator.CreateInstance(processorType, ringBuffer, barrier, proxy, exceptionHandler)!;
        }

        return Interface(ringBuffer, barrier, handler, exceptionHandler);
    }

    /// <summary>The plain loop: one interface call per event, whatever the handler.</summary>
    public static BatchEventProcessor<T, IEventHandler<T>> Interface<T>(RingBuffer<T> ringBuffer, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null)
        where T : struct => new(ringBuffer, barrier, handler, exceptionHandler);
}
