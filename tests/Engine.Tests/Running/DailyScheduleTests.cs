using Engine.Core.Time;
using Engine.Host.Running;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// The daemon's day: the next window skips holidays and weekends and starts at once when it has
/// begun; a run from the configured start to the stop, an end-of-day line with the journal's head,
/// then idle until the next day, from which SIGTERM ends the process at once.
/// </summary>
public sealed class DailyScheduleTests
{
    private static readonly SessionCalendar Calendar = Engine.Host.Configuration.SessionCalendarFile.Load(Path.Combine(TestData.RepositoryRoot, "config", "session-calendar.yaml"));

    [Fact]
    public void TheNextWindowSkipsDaysWithoutASessionAndStartsAtOnceWhenItHasBegun()
    {
        var schedule = new DailySchedule(new TimeOnly(8, 45), new TimeOnly(15, 45));
        var friday = new DateOnly(2026, 11, 20);
        Assert.True(Calendar.IsTradingDay(friday));

        // Friday before the start: Friday's window.
        long beforeStart = SessionCalendar.At(friday, new TimeOnly(7, 0));
        Assert.Equal((friday, SessionCalendar.At(friday, new TimeOnly(8, 45)), SessionCalendar.At(friday, new TimeOnly(15, 45))), schedule.Next(beforeStart, Calendar));

        // Friday midday: now, until Friday's stop.
        long midday = SessionCalendar.At(friday, new TimeOnly(12, 0));
        Assert.Equal((friday, midday, SessionCalendar.At(friday, new TimeOnly(15, 45))), schedule.Next(midday, Calendar));

        // Friday evening: the next trading day, never the weekend.
        var (day, start, _) = schedule.Next(SessionCalendar.At(friday, new TimeOnly(18, 0)), Calendar);
        Assert.True(day > friday && Calendar.IsTradingDay(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(SessionCalendar.At(day, new TimeOnly(8, 45)), start);
        for (var d = friday.AddDays(1); d < day; d = d.AddDays(1))
        {
            Assert.False(Calendar.IsTradingDay(d));
        }

        // Every day: Saturday comes next.
        Assert.Equal(friday.AddDays(1), (schedule with { TradingDaysOnly = false }).Next(SessionCalendar.At(friday, new TimeOnly(18, 0)), Calendar).Day);
    }

    [Fact]
    public void TheDaemonRunsItsWindowWritesTheEndOfDayLineAndIdlesUntilStopped()
    {
        var now = UnixTime.ToIst(UnixTime.NowNanoseconds());
        var start = TimeOnly.FromDateTime(now.DateTime.AddSeconds(4));
        var stop = TimeOnly.FromDateTime(now.DateTime.AddSeconds(10));
        if (stop <= start)
        {
            return;   // the window would cross midnight IST; the schedule is one run within a day
        }

        using var config = new TestEngineConfig(extra: $"schedule:\n  start: \"{start:HH:mm:ss}\"\n  stop: \"{stop:HH:mm:ss}\"\n  days: every\n");
        using var engine = EngineProcess.Start("run", "--config", config.File);
        Ring.Await.Until(() => engine.Stderr.Contains("end-of-day pack", StringComparison.Ordinal), TimeSpan.FromSeconds(120), () => engine.Stdout + engine.Stderr);
        Ring.Await.Until(() => engine.Stderr.Split("schedule: idle until the next run").Length >= 3, TimeSpan.FromSeconds(30), () => engine.Stderr);
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(20)), "the idle daemon did not stop on SIGTERM");
        Assert.True(engine.ExitCode == 0, engine.Stdout + engine.Stderr);

        string log = engine.Stderr;
        Assert.Contains("time limit reached", engine.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"end of day \d{4}-\d\d-\d\d: the run time limit reached; journal .+, \d+ records this run, head segment 0 sha256 [0-9a-f]{64}, signed into .+\.digest", log);
        Assert.Single(JournalReader.Open(config.Journal).Read(), r => r.Type == RecordType.SessionStart);

        // The end-of-day pack: the day's report, its trades and the journal's head.
        string pack = Assert.Single(Directory.GetDirectories(Path.Combine(config.Journal, "eod")));
        Assert.Contains("end-of-day pack (report, trades, head hash) in " + pack, log, StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(pack, "report.html")), StringComparison.Ordinal);
        Assert.StartsWith(Engine.Host.Reports.TradesCsv.Header, File.ReadAllText(Path.Combine(pack, "trades.csv")), StringComparison.Ordinal);
        Assert.Matches(@"head: segment 0 sha256 [0-9a-f]{64}", File.ReadAllText(Path.Combine(pack, "head.txt")));
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(pack, "report.json"))).RootElement.GetProperty("runs").GetInt32());
    }
}
