using Engine.Host.Configuration;
using Engine.Host.Replay;
using Engine.Core.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Running;

/// <summary>The sim market clock, and the texts operators type: durations, replay speeds and positions.</summary>
public sealed class ClockAndCommandLineTests
{
    private static readonly long Wall = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long Open = SessionCalendar.At(new DateOnly(2026, 11, 20), new TimeOnly(9, 15));

    [Fact]
    public void MarketTimeRunsAtItsSpeedNeverGoesBackAndMapsBackToTheWallWithinANanosecond()
    {
        var speeds = Gen.Elements(1.0, 0.5, 2.0, 60.0, 600.0, 7.3);
        var elapsed = Gen.Choose(0, int.MaxValue).Select(v => (long)v * 1_000);   // up to ~36 minutes, microsecond steps
        Prop.ForAll(speeds.ToArbitrary(), elapsed.ToArbitrary(), elapsed.ToArbitrary(), (speed, a, b) =>
        {
            var clock = new MarketClock(Wall, Open, speed);
            long first = Math.Min(a, b), second = Math.Max(a, b);
            long m1 = clock.ToMarket(Wall + first), m2 = clock.ToMarket(Wall + second);
            long back = clock.ToWall(m1);
            return m1 <= m2
                && Math.Abs(m1 - (Open + (first * speed))) <= 1
                && Math.Abs(back - (Wall + first)) <= 1 + (long)Math.Ceiling(1 / speed);
        }).QuickCheckThrowOnFailure();

        var identity = MarketClock.Identity;
        Assert.True(identity.IsIdentity);
        Assert.Equal(Wall + 123_456_789, identity.ToMarket(Wall + 123_456_789));
        Assert.Equal(Open + (90L * 60 * 1_000_000_000), new MarketClock(Wall, Open, 60).ToMarket(Wall + 90_000_000_000));   // 90 s at 60x: 09:15 + 90 min
    }

    [Theory]
    [InlineData("60", 60)]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData(" 2M ", 120)]
    public void DurationsReadAsOperatorsWriteThem(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text, "--duration"));

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("1e308h")]
    public void ABadDurationNamesTheOptionAndShowsExamples(string text)
    {
        var error = Assert.Throws<FormatException>(() => DurationText.Parse(text, "--duration"));
        Assert.Equal($"--duration: '{text}' is not a duration; use e.g. 60s, 5m, 1h or 250ms.", error.Message);
    }

    [Theory]
    [InlineData("max", 0)]
    [InlineData("1x", 1)]
    [InlineData("10x", 10)]
    [InlineData("0.5x", 0.5)]
    [InlineData("MAX", 0)]
    public void ReplaySpeeds(string text, double factor) => Assert.Equal(factor, ReplaySpeed.Parse(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("0x")]
    [InlineData("-2x")]
    [InlineData("infinityx")]
    public void ABadSpeedIsRefused(string text) =>
        Assert.Contains("--speed: '", Assert.Throws<FormatException>(() => ReplaySpeed.Parse(text)).Message);

    [Fact]
    public void ReplayPositionsAreSequencesTimesOfDayOrInstants()
    {
        Assert.Null(ReplayPosition.Parse(null, "--from"));
        Assert.Equal(12345L, ReplayPosition.Parse("12345", "--from")!.Value.Sequence);
        Assert.Equal(new TimeOnly(14, 5), ReplayPosition.Parse("14:05", "--from")!.Value.TimeOfDay);
        Assert.Equal(new TimeOnly(14, 5, 30), ReplayPosition.Parse("14:05:30", "--from")!.Value.TimeOfDay);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 5, 0, TimeSpan.FromMinutes(330)), ReplayPosition.Parse("2026-11-20T14:05:00", "--from")!.Value.Instant);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 35, 0, TimeSpan.Zero), ReplayPosition.Parse("2026-11-20T08:35:00Z", "--from")!.Value.Instant);
        Assert.Contains("--until: 'lunch' is neither an input sequence nor a time", Assert.Throws<FormatException>(() => ReplayPosition.Parse("lunch", "--until")).Message);

        // A time of day is on the run's market day, mapped through its clock to a receive time.
        var clock = new MarketClock(Wall, Open, 60);
        var position = ReplayPosition.Parse("09:45", "--from")!.Value;
        Assert.Equal(Wall + 30_000_000_000, position.ReceiveTimeNs(clock, Wall));   // 30 market minutes = 30 wall seconds
        Assert.Equal(long.MinValue, ReplayPosition.Parse("7", "--from")!.Value.ReceiveTimeNs(clock, Wall));
    }
}
