using Engine.Core.Strategies;
using Engine.Core.Strategies.Builtin;

namespace Engine.Tests.Strategies;

public sealed class StrategyRegistryTests
{
    private static readonly Dictionary<string, object?> None = [];

    private static string ExampleAssembly
    {
        get
        {
            string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(TestData.RepositoryRoot, "examples", "Engine.ExampleStrategy", "bin", configuration, "net10.0", "Engine.ExampleStrategy.dll");
        }
    }

    [Fact]
    public void TheBuiltInStrategiesAreRegisteredByNameAndVersion()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        Assert.Equal(
            ["bollinger-mean-reversion 1.0", "donchian-breakout 1.0", "ema-crossover 1.0", "momentum-selection 1.0", "rsi-mean-reversion 1.0"],
            registry.Available.Select(s => $"{s.Name} {s.Version}").Order());
        Assert.IsType<EmaCrossover>(registry.Create("ema-crossover", "1.0", None, "trend"));
        Assert.IsType<MomentumSelection>(registry.Create("momentum-selection", null, None, "momentum"));
    }

    [Fact]
    public void ParametersBindFromConfigurationNamesAndTypes()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var strategy = (MomentumSelection)registry.Create("momentum-selection", null, new Dictionary<string, object?>
        {
            ["bar_period"] = "60m",
            ["top_n"] = "3",
            ["min_average_turnover"] = "25000000",
            ["excluded"] = new List<object?> { "ABC", "XYZ" },
            ["Rebalance-Every"] = "4",
        }, "momentum");
        Assert.Equal(Engine.Core.Bars.BarPeriod.SixtyMinutes, strategy.BarPeriod);
    }

    [Theory]
    [InlineData("fast_period", "9", "unknown parameter 'fast_period'; its parameters are fast_periods, slow_periods, bar_period, atr_periods, stop_atr")]
    [InlineData("fast_periods", "nine", "parameter 'fast_periods': 'nine' is not a whole number")]
    [InlineData("bar_period", "2m", "parameter 'bar_period': '2m' is not a bar period (1m, 3m, 5m, 15m, 30m, 60m, day)")]
    [InlineData("slow_periods", "5", "slow_periods")]
    [InlineData("stop_atr", "0", "stop_atr")]
    public void BadParametersAreClearErrorsNamingTheInstance(string key, string value, string message)
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var error = Assert.Throws<StrategyConfigurationException>(() => registry.Create("ema-crossover", null, new Dictionary<string, object?> { [key] = value }, "trend-infy"));
        Assert.Contains("'trend-infy'", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void UnknownNamesAndVersionsListWhatExists()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var name = Assert.Throws<StrategyConfigurationException>(() => registry.Create("ema-cross", null, None, "x"));
        Assert.Contains("unknown strategy 'ema-cross'; available: ", name.Message);
        Assert.Contains("ema-crossover 1.0", name.Message);
        var version = Assert.Throws<StrategyConfigurationException>(() => registry.Create("ema-crossover", "2.0", None, "x"));
        Assert.Contains("strategy 'ema-crossover' has version 1.0, not 2.0", version.Message);
    }

    [Fact]
    public void ACustomStrategyLoadsFromItsAssemblyAndRunsInTheHost()
    {
        Assert.True(File.Exists(ExampleAssembly), $"the example strategy was not built at {ExampleAssembly}");
        var registry = StrategyRegistry.CreateWithBuiltins();
        var loaded = Assert.Single(registry.LoadAssembly(ExampleAssembly));
        Assert.Equal(("opening-range-breakout", "1.0"), (loaded.Name, loaded.Version));
        Assert.Equal("Engine.ExampleStrategy.dll", loaded.Source);

        var strategy = registry.Create("opening-range-breakout", "1.0", new Dictionary<string, object?> { ["opening_minutes"] = "3", ["buffer"] = "0" }, "orb");
        var infy = Script.Equity("INFY", 1594);
        var script = new Script(new StrategyInstance("orb", strategy, [infy]));
        script.Bar(infy, Script.At(9, 15), 100, 101, 99, 100);
        script.Bar(infy, Script.At(9, 16), 100, 100.5, 99.5, 100);
        script.Bar(infy, Script.At(9, 17), 100, 100.8, 99.8, 100.5);
        script.Bar(infy, Script.At(9, 18), 100.5, 102, 100.5, 101.5);   // closes above the 09:15-09:17 high of 101
        script.Time(Script.At(9, 20));
        var intent = Assert.Single(script.Intents).Intent;
        Assert.Equal(Engine.Core.Orders.Side.Buy, intent.Side);
        Assert.Equal(9900, intent.Stop);
    }

    [Fact]
    public void BrokenStrategyAssembliesAreClearErrors()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var missing = Assert.Throws<StrategyConfigurationException>(() => registry.LoadAssembly("/nowhere/strategies.dll"));
        Assert.Contains("'/nowhere/strategies.dll' does not exist", missing.Message);

        string text = Path.Combine(Path.GetTempPath(), $"not-an-assembly-{Guid.NewGuid():N}.dll");
        File.WriteAllText(text, "hello");
        try
        {
            var bad = Assert.Throws<StrategyConfigurationException>(() => registry.LoadAssembly(text));
            Assert.Contains("is not a .NET assembly", bad.Message);
        }
        finally
        {
            File.Delete(text);
        }

        var empty = Assert.Throws<StrategyConfigurationException>(() => registry.LoadAssembly(typeof(Engine.Ring.Sequence).Assembly.Location));
        Assert.Contains("defines no strategies", empty.Message);

        registry.LoadAssembly(ExampleAssembly);
        var twice = Assert.Throws<StrategyConfigurationException>(() => registry.LoadAssembly(ExampleAssembly));
        Assert.Contains("already registered", twice.Message);
    }
}
