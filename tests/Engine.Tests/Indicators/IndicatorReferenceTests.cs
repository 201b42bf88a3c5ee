using System.Text.Json;
using Engine.Host.Indicators;
using Engine.Core.Indicators;

namespace Engine.Tests.Indicators;

/// <summary>Every indicator with a published results file matches it at every bar of default.csv, warm-up included.</summary>
public sealed class IndicatorReferenceTests
{
    private static readonly IReadOnlyList<Bar> Default = QuotesCsv.Load(TestData.PathOf("quotes/default.csv"));

    public static TheoryData<string, string, string[]> References => new()
    {
        { "sma", "sma:20", ["sma"] },
        { "ema", "ema:20", ["ema"] },
        { "wma", "wma:14", ["wma"] },
        { "rsi", "rsi:14", ["rsi"] },
        { "macd", "macd:12,26,9", ["macd", "signal", "histogram", "fastEma", "slowEma"] },
        { "bb", "bb:20,2", ["sma", "upperBand", "lowerBand", "percentB", "zScore", "width"] },
        { "tr", "tr", ["tr"] },
        { "atr", "atr:14", ["tr", "atr", "atrp"] },
        { "roc", "roc:14", ["momentum", "roc"] },
        { "stoch", "stoch:14,3,3", ["oscillator", "signal", "percentJ"] },
        { "willr", "willr:14", ["williamsR"] },
        { "cci", "cci:20", ["cci"] },
        { "obv", "obv", ["obv"] },
        { "vwap", "vwap:cumulative", ["vwap"] },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void MatchesTheReferenceAtEveryBar(string file, string spec, string[] fields)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(TestData.PathOf($"quotes/results/{file}.standard.json")));
        var expected = reference.RootElement.EnumerateArray().ToArray();
        var table = new IndicatorTable([spec]);
        Assert.Equal(fields, table.Columns);
        var rows = table.Run(Default);
        Assert.Equal(expected.Length, rows.Count);

        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("timestamp").GetString()![..10], QuotesCsv.FormatTime(Default[i].TimeNs, false));
            for (int f = 0; f < fields.Length; f++)
            {
                var want = expected[i].GetProperty(fields[f]);
                double? got = rows[i][f];
                if (want.ValueKind == JsonValueKind.Null)
                {
                    Assert.True(got is null, $"{spec} {fields[f]} at bar {i}: expected warm-up (null), got {got}");
                    continue;
                }

                Assert.True(got is not null, $"{spec} {fields[f]} at bar {i}: expected {want.GetDouble()}, got warm-up");
                double w = want.GetDouble();
                Assert.True(Math.Abs(got!.Value - w) <= (1e-9 * Math.Abs(w)) + 1e-12, $"{spec} {fields[f]} at bar {i}: expected {w:R}, got {got:R}");
            }
        }
    }

    [Fact]
    public void SmaMatchesTheHandCalculatedColumnInSmaData()
    {
        // Sma.Data.csv carries a hand-calculated SMA(20) column beside the quotes.
        var lines = File.ReadAllLines(TestData.PathOf("quotes/Sma.Data.csv")).Skip(1).ToArray();
        var sma = new Sma(20);
        for (int i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            sma.Update(double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture));
            if (fields[6].Length > 0)
            {
                Assert.True(sma.IsReady);
                Assert.Equal(double.Parse(fields[6], System.Globalization.CultureInfo.InvariantCulture), sma.Value, 1e-9);
            }
            else
            {
                Assert.False(sma.IsReady);
            }
        }
    }
}
