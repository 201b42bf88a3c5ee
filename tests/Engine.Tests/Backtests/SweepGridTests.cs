using Engine.Core.Strategies;
using Engine.Host.Backtests;
using Engine.Host.Configuration;

namespace Engine.Tests.Backtests;

/// <summary>A sweep's grid and the parameters it sets: ranges with both ends, lists, every combination, and clear errors.</summary>
public sealed class SweepGridTests
{
    [Fact]
    public void TheGridIsEveryCombinationOfItsAxesTheFirstVaryingSlowest()
    {
        var grid = SweepGrid.Parse(["fast_periods=5..20:5", "slow_periods=20..60:10"]);
        var points = grid.Points();
        Assert.Equal(4 * 5, points.Count);
        Assert.Equal(["fast_periods=5", "slow_periods=20"], points[0].Select(p => p.ToString()));
        Assert.Equal(["fast_periods=5", "slow_periods=30"], points[1].Select(p => p.ToString()));
        Assert.Equal(["fast_periods=20", "slow_periods=60"], points[^1].Select(p => p.ToString()));
        Assert.Equal(points.Count, points.Select(p => string.Join(' ', p)).Distinct().Count());
    }

    [Fact]
    public void ListsAndDecimalStepsAndOneInstanceWork()
    {
        var points = SweepGrid.Parse(["trend-large-caps.stop_atr=1..2:0.5", "bar_period=1m,5m"]).Points();
        Assert.Equal(6, points.Count);
        Assert.Equal(["1", "1.5", "2"], points.Select(p => p[0].Value).Distinct());
        Assert.All(points, p => Assert.Equal("trend-large-caps", p[0].Instance));
    }

    [Theory]
    [InlineData("fast_periods")]
    [InlineData("fast_periods=20..5:5")]
    [InlineData("fast_periods=5..20:0")]
    [InlineData("fast_periods=")]
    public void ABadAxisIsRefusedNamingIt(string axis)
    {
        var error = Assert.Throws<FormatException>(() => SweepGrid.Parse([axis]));
        Assert.Contains("--sweep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AParameterSetsEveryInstanceThatHasItAndAnUnknownOneIsRefused()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        var set = ParameterOverride.Apply(config.Strategies, [ParameterOverride.Parse("fast_periods=8"), ParameterOverride.Parse("rsi-banks.periods=9")], registry);
        Assert.Equal("8", set.Single(s => s.Name == "trend-large-caps").Parameters["fast_periods"]);
        Assert.Equal("9", set.Single(s => s.Name == "rsi-banks").Parameters["periods"]);
        Assert.False(set.Single(s => s.Name == "rsi-banks").Parameters.ContainsKey("fast_periods"));
        Assert.Throws<FormatException>(() => ParameterOverride.Apply(config.Strategies, [ParameterOverride.Parse("no_such_thing=1")], registry));
        Assert.Throws<FormatException>(() => ParameterOverride.Apply(config.Strategies, [ParameterOverride.Parse("nobody.periods=1")], registry));
    }
}
