using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engine.Tests.Support;

/// <summary>Keeps every log line (level, text, exception) so a test can assert what an operator would read.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text, Exception? Error)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text, Exception? Error)> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception), exception));
}
