using Engine.Core.Pipeline;
using Engine.Core.Risk;

namespace Engine.Tests.Risk;

/// <summary>The start-up rehearsal of the risk stage reaches the end of the rules, so every rule's check has run once.</summary>
public sealed class RiskStageRehearsalTests
{
    [Fact]
    public void WithTheDefaultRulesTheRehearsedIntentPassesEveryRule()
    {
        var decision = RiskStageRehearsal.Run(new RiskGateOptions(), RiskHarness.NoCharges, [RiskHarness.Infy, RiskHarness.Tcs]);
        Assert.NotNull(decision);
        Assert.True(decision.Value.IsAccepted, $"{decision.Value.Verdict} by {decision.Value.Rule}");
    }

    [Fact]
    public void WithTheShippedRulesTheRehearsedIntentPassesEveryRule()
    {
        var config = Engine.Host.Configuration.EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), Engine.Core.Strategies.StrategyRegistry.CreateWithBuiltins());
        var instruments = config.Instruments.Where(i => config.Strategies.SelectMany(s => s.Universe).Contains(i.InstrumentToken)).ToArray();
        var decision = RiskStageRehearsal.Run(config.Risk, config.Charges, instruments);
        Assert.NotNull(decision);
        Assert.True(decision.Value.IsAccepted, $"{decision.Value.Verdict} by {decision.Value.Rule}");
    }

    [Fact]
    public void WithNoTradableInstrumentThereIsNothingToRehearse()
    {
        var index = new Engine.Core.Instruments.Instrument(256265, 1001, "NIFTY 50", "NIFTY 50", 0, null, 0, 0, 0, "EQ", "INDICES", "NSE");
        Assert.Null(RiskStageRehearsal.Run(new RiskGateOptions(), RiskHarness.NoCharges, [index]));
    }
}
