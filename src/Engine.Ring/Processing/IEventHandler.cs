namespace Engine.Ring;

/// <summary>
/// A consumer's logic: called for every event in sequence order on the consumer's thread. The
/// optional members have empty defaults, so a handler implements only what it uses.
/// </summary>
/// <typeparam name="T">The ring slot type.</typeparam>
public interface IEventHandler<T>
    where T : struct
{
    /// <summary>The name used in placement reports, logs and configuration.</summary>
    string Name => GetType().Name;

    /// <summary>
    /// Handles the event in <paramref name="data"/> (the ring slot itself, writable in place for
    /// later consumers). <paramref name="endOfBatch"/> is true on the last event currently
    /// available: the place to flush, publish or signal once per batch rather than per event.
    /// </summary>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>Called before each batch with the number of events in it.</summary>
    void OnBatchStart(long batchSize)
    {
    }

    /// <summary>Called once on the consumer's thread before the first event.</summary>
    void OnStart()
    {
    }

    /// <summary>Called once on the consumer's thread after the last event, when the consumer halts.</summary>
    void OnShutdown()
    {
    }

    /// <summary>Called when a wait with a timeout (<see cref="BlockingWaitStrategy"/>) saw no new event; <paramref name="sequence"/> is the last one handled.</summary>
    void OnTimeout(long sequence)
    {
    }
}
