using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>
/// Serilog behind <see cref="ILoggerFactory"/>: console (standard error, so standard output stays
/// machine-readable; under systemd, in journald's form with priorities, see <see cref="JournaldFormatter"/>)
/// and optionally a rolling file, both written on a background thread so a log call never waits for I/O.
/// </summary>
public static class EngineLogging
{
    /// <summary>
    /// Creates the factory; dispose it to flush. With <paramref name="overwriteStatusLine"/> (a
    /// terminal showing a live status line on standard error), each log line first clears the
    /// status line, which is redrawn below it.
    /// </summary>
    public static ILoggerFactory Create(LogEventLevel level = LogEventLevel.Information, string? file = null, bool overwriteStatusLine = false)
    {
        string clear = overwriteStatusLine ? "\r\u001b[K" : "";
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning);
        configuration = JournaldStream.IsStandardErrorConnected()
            ? configuration.WriteTo.Async(sink => sink.Console(new JournaldFormatter(), standardErrorFromLevel: LogEventLevel.Verbose))
            : configuration.WriteTo.Async(sink => sink.Console(
                outputTemplate: clear + "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        if (file is not null)
        {
            configuration = configuration.WriteTo.Async(sink => sink.File(
                file,
                rollingInterval: RollingInterval.Day,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        }

        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }

    /// <summary>Reads a level name (<c>debug</c>, <c>information</c>, <c>warning</c>, ...).</summary>
    public static LogEventLevel ParseLevel(string name) => name.Trim().ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "info" or "information" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" or "critical" => LogEventLevel.Fatal,
        _ => throw new FormatException($"Unknown log level '{name}'; expected debug, information, warning or error."),
    };
}
