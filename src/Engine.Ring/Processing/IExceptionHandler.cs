namespace Engine.Ring;

/// <summary>
/// What a consumer does when its handler throws. Returning continues with the next event;
/// throwing halts the consumer, which then reports the exception as its fault.
/// </summary>
public interface IExceptionHandler<T>
    where T : struct
{
    /// <summary>The handler threw on the event at <paramref name="sequence"/>.</summary>
    void HandleEventException(Exception exception, long sequence, ref T data);

    /// <summary>The handler's <see cref="IEventHandler{T}.OnStart"/> threw.</summary>
    void HandleOnStartException(Exception exception);

    /// <summary>The handler's <see cref="IEventHandler{T}.OnShutdown"/> threw.</summary>
    void HandleOnShutdownException(Exception exception);
}
