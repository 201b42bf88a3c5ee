using System.Runtime.ExceptionServices;

namespace Engine.Ring;

/// <summary>Logs a failed event with its consumer and sequence, then halts the consumer, which reports itself faulted.</summary>
public sealed class HaltOnExceptionHandler<T> : IExceptionHandler<T>
    where T : struct
{
    private readonly string _consumerName;
    private readonly Action<string> _log;

    /// <summary>Creates the handler for the consumer <paramref name="consumerName"/>; messages go to <paramref name="log"/> (standard error if omitted).</summary>
    public HaltOnExceptionHandler(string consumerName, Action<string>? log = null)
    {
        _consumerName = consumerName;
        _log = log ?? Console.Error.WriteLine;
    }

    /// <inheritdoc/>
    public void HandleEventException(Exception exception, long sequence, ref T data)
    {
        _log($"consumer '{_consumerName}' halted on the event at sequence {sequence}: {exception}");
        ExceptionDispatchInfo.Throw(exception);
    }

    /// <inheritdoc/>
    public void HandleOnStartException(Exception exception) =>
        _log($"consumer '{_consumerName}' failed to start: {exception}");

    /// <inheritdoc/>
    public void HandleOnShutdownException(Exception exception) =>
        _log($"consumer '{_consumerName}' failed while shutting down: {exception}");
}
