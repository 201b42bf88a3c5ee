using Engine.Core.Indicators;

namespace Engine.Tests.Indicators;

/// <summary>
/// Indicators without a published results file, checked against plain from-the-definition
/// recomputations written here independently (whole-window loops, no incremental state), and
/// against small cases worked by hand.
/// </summary>
public sealed class IndicatorDefinitionTests
{
    private static readonly Bar[] Bars = QuotesCsv.Load(TestData.PathOf("quotes/default.csv")).ToArray();

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= (1e-9 * Math.Abs(expected)) + 1e-9, $"{what}: expected {expected:R}, got {actual:R}");

    private static double WmaOf(IReadOnlyList<double> x, int end, int n)
    {
        double num = 0;
        for (int j = 0; j < n; j++)
        {
            num += (j + 1) * x[end - n + 1 + j];
        }

        return num / (n * (n + 1) / 2.0);
    }

    [Fact]
    public void StdDevIsThePopulationDeviationOfTheWindow()
    {
        var indicator = new StdDev(10);
        for (int i = 0; i < Bars.Length; i++)
        {
            indicator.Update(Bars[i]);
            if (i < 9)
            {
                Assert.False(indicator.IsReady);
                continue;
            }

            var window = Bars[(i - 9)..(i + 1)].Select(b => b.Close).ToArray();
            double mean = window.Average();
            double sd = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / 10);
            Close(sd, indicator.Value, $"stddev at {i}");
            Close(mean, indicator.Mean, $"mean at {i}");
            Close((Bars[i].Close - mean) / sd, indicator.ZScore, $"z at {i}");
        }
    }

    [Fact]
    public void HmaIsTheWmaOfTwiceTheHalfWmaMinusTheFullWma()
    {
        const int n = 16;
        var closes = Bars.Select(b => b.Close).ToArray();
        var raw = new List<double>();
        var hma = new Hma(n);
        for (int i = 0; i < closes.Length; i++)
        {
            hma.Update(closes[i]);
            if (i >= n - 1)
            {
                raw.Add((2 * WmaOf(closes, i, n / 2)) - WmaOf(closes, i, n));
            }

            if (raw.Count >= 4)
            {
                Assert.True(hma.IsReady);
                Close(WmaOf(raw, raw.Count - 1, 4), hma.Value, $"hma at {i}");
            }
            else
            {
                Assert.False(hma.IsReady, $"hma ready early at {i}");
            }
        }
    }

    [Fact]
    public void KamaFollowsKaufmansRecurrence()
    {
        var closes = Bars.Select(b => b.Close).ToArray();
        var kama = new Kama(10, 2, 30);
        double fast = 2.0 / 3, slow = 2.0 / 31, expected = 0;
        for (int i = 0; i < closes.Length; i++)
        {
            kama.Update(closes[i]);
            if (i < 9)
            {
                Assert.False(kama.IsReady);
                continue;
            }

            if (i == 9)
            {
                expected = closes[9];
            }
            else
            {
                double change = Math.Abs(closes[i] - closes[i - 10]);
                double volatility = 0;
                for (int j = i - 9; j <= i; j++)
                {
                    volatility += Math.Abs(closes[j] - closes[j - 1]);
                }

                double er = change / volatility;
                double sc = Math.Pow((er * (fast - slow)) + slow, 2);
                expected += sc * (closes[i] - expected);
                Close(er, kama.EfficiencyRatio, $"er at {i}");
            }

            Close(expected, kama.Value, $"kama at {i}");
        }
    }

    [Fact]
    public void AdxFollowsWildersDefinition()
    {
        const int n = 14;
        var adx = new Adx(n);
        var tr = new double[Bars.Length];
        var plus = new double[Bars.Length];
        var minus = new double[Bars.Length];
        for (int i = 1; i < Bars.Length; i++)
        {
            tr[i] = Math.Max(Bars[i].High - Bars[i].Low, Math.Max(Math.Abs(Bars[i].High - Bars[i - 1].Close), Math.Abs(Bars[i].Low - Bars[i - 1].Close)));
            double up = Bars[i].High - Bars[i - 1].High, down = Bars[i - 1].Low - Bars[i].Low;
            plus[i] = up > down && up > 0 ? up : 0;
            minus[i] = down > up && down > 0 ? down : 0;
        }

        double trS = 0, pS = 0, mS = 0, adxValue = 0;
        var dx = new List<double>();
        var adxs = new List<double>();
        for (int i = 0; i < Bars.Length; i++)
        {
            adx.Update(Bars[i]);
            if (i == 0 || i < n)
            {
                Assert.False(adx.IsDiReady);
                continue;
            }

            if (i == n)
            {
                trS = tr[1..(n + 1)].Sum();
                pS = plus[1..(n + 1)].Sum();
                mS = minus[1..(n + 1)].Sum();
            }
            else
            {
                trS = trS - (trS / n) + tr[i];
                pS = pS - (pS / n) + plus[i];
                mS = mS - (mS / n) + minus[i];
            }

            double pdi = 100 * pS / trS, mdi = 100 * mS / trS;
            Close(pdi, adx.PlusDi, $"+DI at {i}");
            Close(mdi, adx.MinusDi, $"-DI at {i}");
            dx.Add(100 * Math.Abs(pdi - mdi) / (pdi + mdi));
            Close(dx[^1], adx.Dx, $"DX at {i}");
            Assert.True(adx.TryGet(2, out double dxField) && dxField == adx.Dx);
            if (dx.Count < n)
            {
                Assert.False(adx.IsReady, $"adx ready early at {i}");
                continue;
            }

            adxValue = dx.Count == n ? dx.Average() : ((adxValue * (n - 1)) + dx[^1]) / n;
            Assert.Equal(2 * n - 1 + (dx.Count - n), i);
            Close(adxValue, adx.Value, $"adx at {i}");

            // ADXR: the mean of ADX now and N-1 bars before, once that one exists (bar 3N-2 on).
            adxs.Add(adxValue);
            Assert.Equal(adxs.Count >= n, adx.IsAdxrReady);
            Assert.Equal(adx.IsAdxrReady, adx.TryGet(4, out _));
            if (adxs.Count >= n)
            {
                Assert.True(i >= (3 * n) - 2);
                Close((adxValue + adxs[^n]) / 2, adx.Adxr, $"adxr at {i}");
            }
        }

        Assert.Equal(["pdi", "mdi", "dx", "adx", "adxr"], adx.Fields);
    }

    [Fact]
    public void DonchianUsesThePreviousNBarsOnly()
    {
        var donchian = new Donchian(20);
        for (int i = 0; i < Bars.Length; i++)
        {
            donchian.Update(Bars[i]);
            if (i < 20)
            {
                Assert.False(donchian.IsReady);
                continue;
            }

            double upper = Bars[(i - 20)..i].Max(b => b.High);
            double lower = Bars[(i - 20)..i].Min(b => b.Low);
            Assert.Equal(upper, donchian.UpperBand);
            Assert.Equal(lower, donchian.LowerBand);
            Close((upper + lower) / 2, donchian.Centerline, $"centre at {i}");
        }
    }

    [Fact]
    public void KeltnerIsTheEmaPlusAndMinusAMultipleOfAtr()
    {
        var keltner = new Keltner(20, 2, 10);
        var ema = new Ema(20);
        var atr = new Atr(10);
        foreach (var bar in Bars)
        {
            keltner.Update(bar);
            ema.Update(bar.Close);
            atr.Update(bar);
            Assert.Equal(ema.IsReady && atr.IsReady, keltner.IsReady);
            if (keltner.IsReady)
            {
                Close(ema.Value + (2 * atr.Value), keltner.UpperBand, "upper");
                Close(ema.Value - (2 * atr.Value), keltner.LowerBand, "lower");
            }
        }
    }

    [Fact]
    public void ChandelierHangsOffTheHighestHighOrLowestLow()
    {
        var longExit = new ChandelierExit(22, 3, ChandelierDirection.Long);
        var shortExit = new ChandelierExit(22, 3, ChandelierDirection.Short);
        var atr = new Atr(22);
        for (int i = 0; i < Bars.Length; i++)
        {
            longExit.Update(Bars[i]);
            shortExit.Update(Bars[i]);
            atr.Update(Bars[i]);
            Assert.Equal(i >= 22, longExit.IsReady);
            if (longExit.IsReady)
            {
                Close(Bars[(i - 21)..(i + 1)].Max(b => b.High) - (3 * atr.Value), longExit.Value, $"long at {i}");
                Close(Bars[(i - 21)..(i + 1)].Min(b => b.Low) + (3 * atr.Value), shortExit.Value, $"short at {i}");
            }
        }
    }

    [Fact]
    public void ParabolicSarOnAHandWorkedSeries()
    {
        // (high, low, close), step 0.02, max 0.2, started as the reference library starts it:
        // bar 0: the guess of a rising trend: SAR = low0 = 9, EP = high0 = 10, AF 0.02
        // bar 1: SAR = 9 + 0.02 x (10 - 9) = 9.02 (no two bars before yet); high 11 > EP: EP 11, AF 0.04
        // bar 2: SAR = 9.02 + 0.04 x (11 - 9.02) = 9.0992, capped by min(low1 10, low0 9) = 9; high 12: EP 12, AF 0.06
        // bar 3: SAR = 9 + 0.06 x (12 - 9) = 9.18 (cap min(11, 10) = 10); high 13: EP 13, AF 0.08
        // bar 4: SAR = 9.18 + 0.08 x (13 - 9.18) = 9.4856; low 9 < SAR: the first reversal: SAR = EP 13, EP = 9, AF 0.02
        // bar 5: SAR = 13 - 0.02 x (13 - 9) = 12.92, floored by max(high4 12.5, high3 13) = 13; low 8.5: EP 8.5, AF 0.04
        // Nothing is valid up to and including the first reversal (the first trend is the guess's).
        double[][] bars = [[10, 9, 9.5], [11, 10, 10.8], [12, 11, 11.9], [13, 12, 12.8], [12.5, 9, 9.2], [12.8, 8.5, 8.8], [12.6, 8.4, 8.6]];
        var psar = new ParabolicSar(0.02, 0.2);
        var expected = new (double Sar, bool Rising, bool Reversal)[] { (9, true, false), (9.02, true, false), (9, true, false), (9.18, true, false), (13, false, true), (13, false, false), (12.82, false, false) };
        for (int i = 0; i < bars.Length; i++)
        {
            psar.Update(new Bar(i, bars[i][2], bars[i][0], bars[i][1], bars[i][2], 0));
            Close(expected[i].Sar, psar.Value, $"sar at {i}");
            Assert.Equal(expected[i].Rising, psar.IsRising);
            Assert.Equal(expected[i].Reversal, psar.IsReversal);
            Assert.Equal(i >= 5, psar.IsReady);
            Assert.Equal(i >= 5, psar.TryGet(0, out _));
        }
    }

    [Fact]
    public void ParabolicSarGuessesARisingStartWhateverTheCloseAndWaitsForTheFirstReversal()
    {
        // Closes fall from the first bar, but the lows stay above the guess's SAR: the first trend is
        // the rising guess, and nothing is valid while no reversal has happened.
        var psar = new ParabolicSar(0.02, 0.2);
        for (int i = 0; i < 4; i++)
        {
            psar.Update(new Bar(i, 20 - i, 30, 20 + (i * 0.5), 20 - i, 0));
            Assert.True(psar.IsRising);
            Assert.False(psar.IsReady);
        }

        // The defaults' quotes: the first reversal comes, and from the bar after it every value is valid.
        var series = new ParabolicSar();
        bool reversed = false;
        foreach (var bar in Bars)
        {
            series.Update(bar);
            Assert.Equal(reversed, series.IsReady);
            reversed |= series.IsReversal;
        }

        Assert.True(series.IsReady);
    }

    [Fact]
    public void SuperTrendOnAHandWorkedSeries()
    {
        // ATR(2), multiplier 1. (high, low, close):
        // bar0 (10,8,9); bar1 (11,9,10): TR 2; bar2 (12,10,11): TR 2 -> ATR = 2 (ready at bar 2)
        //   mid 11, upper 13, lower 9; close 11 >= mid -> bullish; close 11 > lower 9 -> stays bullish; line = 9
        // bar3 (13,11,12.5): TR 2 -> ATR 2; mid 12: upper 14 (not < 13, prev close 11 not > 13 -> stays 13);
        //   lower 10 > 9 -> 10; bullish, close 12.5 > 10 -> bullish; line 10
        // bar4 (12,8,8.5): TR max(4, |12-12.5|, |8-12.5|) = 4.5 -> ATR (2 + 4.5)/2 = 3.25; mid 10: upper 13.25 (not < 13; prev close 12.5 not > 13 -> 13);
        //   lower 6.75 (not > 10; prev close 12.5 not < 10 -> 10); close 8.5 <= lower 10 -> bearish; line = upper 13
        double[][] bars = [[10, 8, 9], [11, 9, 10], [12, 10, 11], [13, 11, 12.5], [12, 8, 8.5]];
        var st = new SuperTrend(2, 1);
        var expected = new (double Line, bool Bull)[] { (0, false), (0, false), (9, true), (10, true), (13, false) };
        for (int i = 0; i < bars.Length; i++)
        {
            st.Update(new Bar(i, bars[i][2], bars[i][0], bars[i][1], bars[i][2], 0));
            Assert.Equal(i >= 2, st.IsReady);
            if (i >= 2)
            {
                Close(expected[i].Line, st.Value, $"supertrend at {i}");
                Assert.Equal(expected[i].Bull, st.IsBullish);
                Assert.Equal(!expected[i].Bull, st.TryGet(1, out _));
                Assert.Equal(expected[i].Bull, st.TryGet(2, out _));
            }
        }
    }

    [Fact]
    public void SessionVwapStartsAgainEachIstDay()
    {
        // Three bars on 2026-11-20 IST, then two on the 21st.
        long day1 = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)).ToUnixTimeMilliseconds() * 1_000_000;
        long day2 = day1 + (86_400_000_000_000L);
        var vwap = new Vwap(VwapAnchor.Session);
        var cumulative = new Vwap(VwapAnchor.Cumulative);
        var bars = new[]
        {
            new Bar(day1, 0, 12, 6, 9, 100), new Bar(day1 + 60_000_000_000, 0, 15, 9, 12, 300), new Bar(day1 + 120_000_000_000, 0, 12, 12, 12, 0),
            new Bar(day2, 0, 30, 27, 30, 10), new Bar(day2 + 60_000_000_000, 0, 33, 30, 33, 30),
        };
        double[] session = [9, (900 + 3600) / 400.0, (900 + 3600) / 400.0, 29, ((29 * 10) + (32 * 30)) / 40.0];
        for (int i = 0; i < bars.Length; i++)
        {
            vwap.Update(bars[i]);
            cumulative.Update(bars[i]);
            Close(session[i], vwap.Value, $"session vwap at {i}");
        }

        Close((900 + 3600 + 290 + 960) / 440.0, cumulative.Value, "cumulative vwap");
    }
}
