namespace Engine.Ring;

/// <summary>Logs a failed event with its consumer and sequence, counts it, and lets the consumer go on.</summary>
public sealed class LogAndContinueExceptionHandler<T> : IExceptionHandler<T>
    where T : struct
{
    private readonly string _consumerName;
    private readonly Action<string> _log;
    private long _eventFailures;

    /// <summary>Creates the handler for the consumer <paramref name="consumerName"/>; messages go to <paramref name="log"/> (standard error if omitted).</summary>
    public LogAndContinueExceptionHandler(string consumerName, Action<string>? log = null)
    {
        _consumerName = consumerName;
        _log = log ?? Console.Error.WriteLine;
    }

    /// <summary>How many events failed and were skipped.</summary>
    public long EventFailures => Volatile.Read(ref _eventFailures);

    /// <inheritdoc/>
    public void HandleEventException(Exception exception, long sequence, ref T data)
    {
        Interlocked.Increment(ref _eventFailures);
        _log($"consumer '{_consumerName}' failed on the event at sequence {sequence} and skipped it: {exception}");
    }

    /// <inheritdoc/>
    public void HandleOnStartException(Exception exception) =>
        _log($"consumer '{_consumerName}' failed to start: {exception}");

    /// <inheritdoc/>
    public void HandleOnShutdownException(Exception exception) =>
        _log($"consumer '{_consumerName}' failed while shutting down: {exception}");
}
