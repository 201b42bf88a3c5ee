using BenchmarkDotNet.Attributes;
using Engine.Core.Indicators;

namespace Engine.Benchmarks.Indicators;

/// <summary>One indicator update (one bar) for every indicator, over the reference quotes.</summary>
[MemoryDiagnoser]
public class IndicatorUpdateBenchmarks
{
    private Bar[] _bars = [];
    private IIndicator _indicator = null!;

    /// <summary>The indicator spec.</summary>
    [Params("sma:20", "ema:20", "wma:14", "hma:16", "kama:10,2,30", "rsi:14", "macd:12,26,9", "bb:20,2", "stddev:20", "tr", "atr:14", "adx:14", "roc:14",
        "stoch:14,3,3", "willr:14", "cci:20", "obv", "vwap", "supertrend:10,3", "donchian:20", "keltner:20,2,10", "psar:0.02,0.2", "chandelier:22,3")]
    public string Spec { get; set; } = "";

    /// <summary>Loads the quotes and creates the indicator.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _bars = QuotesCsv.Load(Path.Combine(BenchmarkData.RepositoryRoot(), "tests", "data", "quotes", "default.csv")).ToArray();
        _indicator = IndicatorSpecs.Create(Spec);
    }

    /// <summary>Every bar of default.csv once (502 updates per invocation).</summary>
    [Benchmark(OperationsPerInvoke = 502)]
    public bool Update()
    {
        var bars = _bars;
        var indicator = _indicator;
        for (int i = 0; i < bars.Length; i++)
        {
            indicator.Update(bars[i]);
        }

        return indicator.IsReady;
    }
}
