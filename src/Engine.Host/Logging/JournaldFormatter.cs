using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Engine.Host.Logging;

/// <summary>
/// Log lines the way journald reads a service's standard error (sd-daemon(3)): each line begins
/// with its syslog priority in angle brackets (<c>&lt;3&gt;</c> error, <c>&lt;4&gt;</c> warning,
/// <c>&lt;6&gt;</c> information, <c>&lt;7&gt;</c> debug), with no timestamp of its own (journald
/// stamps every entry) and no terminal control codes. An exception's stack trace keeps the
/// priority on every line, so <c>journalctl -p err</c> shows all of it.
/// </summary>
public sealed class JournaldFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);

    /// <summary>The syslog priority journald files a level under.</summary>
    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    /// <inheritdoc/>
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        _message.Format(logEvent, text);
        string prefix = string.Create(CultureInfo.InvariantCulture, $"<{Priority(logEvent.Level)}>");
        foreach (var line in text.ToString().AsSpan().TrimEnd().EnumerateLines())
        {
            output.Write(prefix);
            output.Write(line.TrimEnd('\r'));
            output.Write('\n');
        }
    }
}
