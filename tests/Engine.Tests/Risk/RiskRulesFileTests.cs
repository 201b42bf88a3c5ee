using Engine.Core.Risk;
using Engine.Host.Configuration;

namespace Engine.Tests.Risk;

/// <summary>The shipped rule set reads as documented, rupees become paise, the sector file is applied, and a bad value is reported where it is.</summary>
public sealed class RiskRulesFileTests
{
    private static readonly RiskGateOptions Orders = new() { DefaultQuantity = 3 };

    [Fact]
    public void TheShippedRuleSetReadsAsItsCommentsSay()
    {
        var rules = RiskRulesFile.Load(Path.Combine(TestData.RepositoryRoot, "config", "risk.yaml"), Orders);
        Assert.Equal(1, rules.Version);
        Assert.Equal(10_00_000_00, rules.Capital);
        Assert.Equal((SizingMethod.Fixed, 3), (rules.Sizing.Method, rules.Sizing.Lots));
        Assert.Equal((20_000_00L, 2.0, new TimeOnly(9, 0)), (rules.Loss.DailyLoss, rules.Loss.DailyLossPercent, rules.Loss.DailyResetTime));
        Assert.Equal((50_000_00L, 30_000_00L, 5, TimeSpan.FromMinutes(15)), (rules.Loss.MaxLoss, rules.Loss.TrailingDrawdown, rules.Loss.MaxConsecutiveLosses, rules.Loss.CoolOff));
        Assert.Equal((10, 400, 5000, 10, 25), (rules.Budgets.PerSecond, rules.Budgets.PerMinute, rules.Budgets.PerDay, rules.Budgets.SebiPerSecond, rules.Budgets.ModificationsPerOrder));
        Assert.Equal(5_00_000_00, rules.Exposure.MaxSectorValue);
        Assert.Equal("information_technology", rules.Exposure.Sectors["INFY"]);
        Assert.Equal("banks", rules.Exposure.Sectors["HDFCBANK"]);
        Assert.Equal((0.5, 0.8, false, TimeSpan.FromMinutes(1)), (rules.States.CautionAt, rules.States.CriticalAt, rules.States.FlattenOnHalt, rules.States.SnapshotInterval));
    }

    [Fact]
    public void BadValuesAreNamedWithTheirLineAndUnknownKeysAreRefused()
    {
        string path = Path.Combine(Path.GetTempPath(), $"risk-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "version: 2\nsizing:\n  method: martingale\nloss:\n  daily_loss: -5\n  cool_off: soon\nstates:\n  caution_at: 0.9\n  critical_at: 0.5\nleverage: 10\n");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => RiskRulesFile.Load(path, Orders));
            Assert.Contains(error.Problems, p => p.Contains($"{path}:3:", StringComparison.Ordinal) && p.Contains("sizing.method: 'martingale'", StringComparison.Ordinal));
            Assert.Contains(error.Problems, p => p.Contains($"{path}:5:", StringComparison.Ordinal) && p.Contains("loss.daily_loss", StringComparison.Ordinal));
            Assert.Contains(error.Problems, p => p.Contains("loss.cool_off: 'soon'", StringComparison.Ordinal));
            Assert.Contains(error.Problems, p => p.Contains("states.critical_at", StringComparison.Ordinal));
            Assert.Contains(error.Problems, p => p.Contains("leverage: unknown key", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
