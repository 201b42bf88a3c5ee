using Engine.Host.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Engine.Tests.Logging;

/// <summary>Under systemd the log is journald's: a priority prefix on every line (sd-daemon(3)), no timestamps, no control codes; the prefix is used only when standard error really is the journal stream.</summary>
public sealed class JournaldFormatterTests
{
    [Theory]
    [InlineData(LogEventLevel.Verbose, 7)]
    [InlineData(LogEventLevel.Debug, 7)]
    [InlineData(LogEventLevel.Information, 6)]
    [InlineData(LogEventLevel.Warning, 4)]
    [InlineData(LogEventLevel.Error, 3)]
    [InlineData(LogEventLevel.Fatal, 2)]
    public void EachLevelCarriesItsSyslogPriority(LogEventLevel level, int priority)
    {
        Assert.Equal($"<{priority}>order 41280: BUY 1 SBIN placed\n", Format(Event(level, "order {Id}: {Side} 1 {Symbol} placed", null, ("Id", 41280UL), ("Side", "BUY"), ("Symbol", "SBIN"))));
    }

    [Fact]
    public void EveryLineOfAStackTraceKeepsThePriority()
    {
        Exception error;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            error = ex;
        }

        string text = Format(Event(LogEventLevel.Error, "stage {Stage} failed", error, ("Stage", "risk")));
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, text);
        Assert.Equal("<3>stage risk failed", lines[0]);
        Assert.Equal("<3>System.InvalidOperationException: boom", lines[1]);
        Assert.All(lines, line => Assert.StartsWith("<3>", line, StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\r', text);
    }

    [Theory]
    [InlineData("8:12345", "socket:[12345]", true)]
    [InlineData("8:12345", "socket:[54321]", false)]
    [InlineData("8:12345", "pipe:[12345]", false)]
    [InlineData("8:12345", "/dev/pts/0", false)]
    [InlineData("8:12345", null, false)]
    [InlineData("12345", "socket:[12345]", false)]
    [InlineData("8:", "socket:[]", false)]
    public void ThePrefixesAreOnlyForTheStreamSystemdConnected(string journalStream, string? standardError, bool connected)
    {
        Assert.Equal(connected, JournaldStream.Matches(journalStream, standardError));
    }

    private static string Format(LogEvent e)
    {
        using var output = new StringWriter();
        new JournaldFormatter().Format(e, output);
        return output.ToString();
    }

    private static LogEvent Event(LogEventLevel level, string template, Exception? error, params (string Name, object Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, level, error, new MessageTemplateParser().Parse(template), properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));
}
