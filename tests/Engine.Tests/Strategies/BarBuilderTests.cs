using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Strategies;

/// <summary>
/// The bar builder against a model that asks the clock for every tick's bucket: for random walks
/// of event time (small and large steps, backwards, across the close and into the next day) the
/// builder makes the same bars, so its shortcut for ticks inside the open bar changes nothing.
/// </summary>
public sealed class BarBuilderTests
{
    private static readonly long Open = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void TheBarsAreThoseOfABucketLookedUpForEveryTick()
    {
        var step = Gen.Frequency(
            (8, Gen.Choose(0, 20_000).Select(ms => ms * 1_000_000L)),
            (2, Gen.Choose(0, 600).Select(s => s * 1_000_000_000L)),
            (1, Gen.Choose(-120, 0).Select(s => s * 1_000_000_000L)),
            (1, Gen.Choose(1, 26).Select(h => h * 3_600_000_000_000L)));
        var tick = from dt in step
                   from price in Gen.Choose(9_000, 11_000)
                   from volume in Gen.Choose(0, 500)
                   select (Step: dt, Price: price / 10.0, Volume: (long)volume);
        var period = Gen.Elements(BarPeriod.OneMinute, BarPeriod.FiveMinutes, BarPeriod.FifteenMinutes, BarPeriod.Day);
        var start = Gen.Choose(-3_600, 6 * 3_600).Select(s => Open + (s * 1_000_000_000L));
        Prop.ForAll(Gen.ListOf(tick).Select(l => l.ToArray()).ToArbitrary(), period.ToArbitrary(), start.ToArbitrary(), (ticks, p, first) =>
        {
            var clock = new BarClock(p, SessionHours.Nse);
            var builder = new BarBuilder(clock);
            var model = new BucketModel(clock);
            var built = new List<Bar>();
            long t = first;
            long cumulative = 0;
            foreach (var (dt, price, volume) in ticks)
            {
                t += dt;
                cumulative += volume;
                if (builder.TryClose(t, out var bar))
                {
                    built.Add(bar);
                }

                builder.Add(t, price, cumulative);
                model.Add(t, price, cumulative);
                Assert.Equal(model.HasOpenBar, builder.HasOpenBar);
                if (model.HasOpenBar)
                {
                    Assert.Equal(model.Current, builder.Current);
                    Assert.Equal(model.End, builder.OpenBarEnd);
                }
            }

            Assert.Equal(model.Closed, built);
        }).QuickCheckThrowOnFailure();
    }

    // The builder's rules, written plainly: every tick asks the clock for its bucket.
    private sealed class BucketModel(BarClock clock)
    {
        private long _start;
        private double _open;
        private double _high;
        private double _low;
        private double _close;
        private double _volume;
        private long _last = -1;

        public bool HasOpenBar { get; private set; }

        public long End { get; private set; }

        public List<Bar> Closed { get; } = [];

        public Bar Current => new(_start, _open, _high, _low, _close, _volume);

        public void Add(long t, double price, long cumulative)
        {
            if (HasOpenBar && t >= End)
            {
                Closed.Add(Current);
                HasOpenBar = false;
            }

            double traded = _last < 0 ? 0 : cumulative >= _last ? cumulative - _last : cumulative;
            _last = cumulative;
            if (!clock.TryGetBucket(t, out long start, out long end))
            {
                return;
            }

            if (!HasOpenBar || start != _start)
            {
                (HasOpenBar, _start, End, _open, _high, _low, _close, _volume) = (true, start, end, price, price, price, price, traded);
                return;
            }

            (_high, _low, _close, _volume) = (Math.Max(_high, price), Math.Min(_low, price), price, _volume + traded);
        }
    }
}
