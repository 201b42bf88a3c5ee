using Engine.Host.Indicators;
using Engine.Core.Indicators;

namespace Engine.Tests.Indicators;

/// <summary>Every indicator on degenerate and hostile inputs; streaming equals re-running after a reset.</summary>
public sealed class IndicatorRobustnessTests
{
    private static readonly string[] AllSpecs =
    [
        "sma:20", "ema:20", "wma:14", "hma:16", "kama:10,2,30", "rsi:14", "macd:12,26,9", "bb:20,2", "stddev:20", "tr", "atr:14", "adx:14",
        "roc:14", "stoch:14,3,3", "willr:14", "cci:20", "obv", "vwap", "vwap:cumulative", "supertrend:10,3", "donchian:20", "keltner:20,2,10",
        "psar:0.02,0.2", "chandelier:22,3", "chandelier:22,3,short",
    ];

    public static TheoryData<string> HostileFiles => new() { "bad.csv", "zeros.csv", "max.csv", "toobig.csv", "_issue0859.adx.nan.csv", "penny.csv", "bitcoin.csv", "mismatch.csv", "intraday.csv" };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void NoIndicatorThrowsOrProducesNaNOrInfinity(string file)
    {
        var bars = QuotesCsv.Load(TestData.PathOf($"quotes/{file}"));
        Assert.NotEmpty(bars);
        var table = new IndicatorTable(AllSpecs);
        var rows = table.Run(bars);
        for (int i = 0; i < rows.Count; i++)
        {
            for (int c = 0; c < rows[i].Length; c++)
            {
                if (rows[i][c] is { } v)
                {
                    Assert.True(double.IsFinite(v), $"{file} bar {i} {table.Columns[c]} = {v}");
                }
            }
        }
    }

    [Fact]
    public void RowsWithoutADateAreSkippedAndReported()
    {
        var warnings = new List<string>();
        var bars = QuotesCsv.Load(TestData.PathOf("quotes/bad.csv"), warnings.Add);
        Assert.Equal(502 - 50, bars.Count);
        var warning = Assert.Single(warnings);
        Assert.Contains("skipped 50 rows without a date (lines 202-", warning);
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.TimeNs <= p.Second.TimeNs));
    }

    [Fact]
    public void UnsortedRowsInAnotherDateFormatAreReadAndSortedByTime()
    {
        // mismatch.csv holds default.csv's rows shuffled, in M/d/yyyy, one of them dated a year early.
        var clean = QuotesCsv.Load(TestData.PathOf("quotes/default.csv"));
        var shuffled = QuotesCsv.Load(TestData.PathOf("quotes/mismatch.csv"));
        Assert.Equal(clean.Select(b => b.Close).Order(), shuffled.Select(b => b.Close).Order());
        Assert.True(shuffled.Zip(shuffled.Skip(1)).All(p => p.First.TimeNs < p.Second.TimeNs));
        Assert.Equal("2016-01-18", QuotesCsv.FormatTime(shuffled[0].TimeNs, false));
        var expectedDates = clean.Select(b => QuotesCsv.FormatTime(b.TimeNs, false)).Select(d => d == "2017-01-18" ? "2016-01-18" : d).Order();
        Assert.Equal(expectedDates, shuffled.Select(b => QuotesCsv.FormatTime(b.TimeNs, false)));
    }

    [Theory]
    [InlineData("_issue1127.williamr.original.csv")]
    [InlineData("_issue1127.williamr.revisit.csv")]
    public void OscillatorsStayInTheirRanges(string file)
    {
        var bars = QuotesCsv.Load(TestData.PathOf($"quotes/{file}"));
        var rsi = new Rsi(14);
        var stoch = new Stochastic(14, 3, 3);
        var fast = new Stochastic(14, 1, 1);
        var willr = new WilliamsR(14);
        foreach (var bar in bars)
        {
            rsi.Update(bar);
            stoch.Update(bar);
            fast.Update(bar);
            willr.Update(bar);
            if (rsi.IsReady)
            {
                Assert.InRange(rsi.Value, 0, 100);
            }

            if (stoch.IsReady)
            {
                Assert.InRange(stoch.K, 0, 100);
                Assert.InRange(stoch.D, 0, 100);
                Assert.InRange(fast.K, 0, 100);
            }

            if (willr.IsReady)
            {
                Assert.InRange(willr.Value, -100, 0);
            }
        }
    }

    [Fact]
    public void StreamingEqualsReplayingAfterAResetForEveryIndicator()
    {
        var bars = QuotesCsv.Load(TestData.PathOf("quotes/longish.csv"));
        foreach (string spec in AllSpecs)
        {
            var indicator = IndicatorSpecs.Create(spec);
            var first = Collect(indicator, bars);
            indicator.Reset();
            var second = Collect(indicator, bars);
            var fresh = Collect(IndicatorSpecs.Create(spec), bars);
            Assert.True(first.SequenceEqual(second), $"{spec}: a reset did not give the same values");
            Assert.True(first.SequenceEqual(fresh), $"{spec}: a fresh instance did not give the same values");
        }
    }

    [Fact]
    public void LongRunningSumsDoNotDrift()
    {
        // 5,000+ bars of 20 years of prices: the O(1) SMA stays within a few ulps of a fresh sum.
        var bars = QuotesCsv.Load(TestData.PathOf("quotes/longish.csv"));
        var sma = new Sma(50);
        var bb = new BollingerBands(50, 2);
        for (int i = 0; i < bars.Count; i++)
        {
            sma.Update(bars[i]);
            bb.Update(bars[i]);
            if (i >= 49)
            {
                var window = bars.Skip(i - 49).Take(50).Select(b => b.Close).ToArray();
                double mean = window.Average();
                Assert.True(Math.Abs(sma.Value - mean) <= 1e-10 * mean, $"sma drifted at {i}");
                double sd = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / 50);
                Assert.True(Math.Abs(bb.StandardDeviation - sd) <= (1e-8 * sd) + 1e-9, $"deviation drifted at {i}: {bb.StandardDeviation} vs {sd}");
            }
        }
    }

    [Theory]
    [InlineData("rsi:0", "lookbackPeriods must be greater than or equal to '1', got 0")]
    [InlineData("macd:26,12,9", "slowPeriods must be greater than '26', got 12")]
    [InlineData("bb:20,-1", "standardDeviations must be a non-negative and non-zero value, got -1")]
    [InlineData("sma", "takes 1 parameter, got 0")]
    [InlineData("sma:x", "parameter 1 'x' is not a whole number")]
    [InlineData("vwap:weekly", "'weekly' is not one of session, cumulative")]
    [InlineData("chandelier:22,3,up", "'up' is not one of long, short")]
    [InlineData("tr:3", "takes 0 parameters, got 1")]
    [InlineData("ichimoku:9", "unknown indicator 'ichimoku'")]
    public void BadSpecsAreClearErrors(string spec, string message)
    {
        var error = Assert.Throws<FormatException>(() => IndicatorSpecs.Create(spec));
        Assert.Contains(message, error.Message);
    }

    private static List<double?> Collect(IIndicator indicator, IReadOnlyList<Bar> bars)
    {
        var values = new List<double?>();
        foreach (var bar in bars)
        {
            indicator.Update(bar);
            for (int f = 0; f < indicator.Fields.Count; f++)
            {
                values.Add(indicator.TryGet(f, out double v) ? v : null);
            }
        }

        return values;
    }
}
