using Engine.Core.Risk;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// The daily loss line end to end: the engine against the simulator in sim mode with fast
/// strategies that trade one share at a time and so lose their charges and the spread on every
/// round trip, and a daily line of ₹3. The line moves the state to HALTED at the first input that
/// crosses it; every later intent is denied with the coded reason; the run summary and the journal
/// reader show it; and replay --verify re-derives every decision, the halt included.
/// </summary>
public sealed class LossLimitEndToEndTests
{
    [Fact]
    public void TheDailyLossLineHaltsTradingAtTheInputThatCrossesItAndTheRunReplays()
    {
        using var config = new TestEngineConfig(extra: "risk:\n  rules: risk.yaml\n");
        File.WriteAllText(Path.Combine(config.Folder, "risk.yaml"), """
            version: 7
            capital: 100000
            loss:
              daily_loss: 3
            states:
              critical_at: 0.99
              snapshot_interval: 1m
            """);

        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(
            () => DeniedAfterHalt(config.Journal) >= 3,
            TimeSpan.FromSeconds(240), "run", "--config", config.File);
        Assert.True(exit == 0, stdout + stderr);
        var risk = summary.GetProperty("risk");
        Assert.Equal("halted", risk.GetProperty("trading_state").GetString());
        // A halt is sticky: the marks may win the loss back after it (the P&L at the stop can be
        // anything), the state stays; the halt record below carries the loss at the line.
        Assert.True(risk.GetProperty("charges").GetDecimal() > 0m, stdout);
        Assert.Contains("risk      HALTED", stderr, StringComparison.Ordinal);

        var records = JournalReader.Open(config.Journal).Read().ToList();
        var halts = records.Where(r => r.Type == RecordType.RiskState && (TradingState)r.Payload.Span[1] == TradingState.Halted).ToList();
        var halt = Assert.Single(halts);
        var payload = halt.Payload.Span;
        Assert.Equal((TradingStateTrigger.LimitViolated, RiskLimit.DailyLoss, LimitStatus.Violated), ((TradingStateTrigger)payload[2], (RiskLimit)payload[3], (LimitStatus)payload[4]));
        long used = BitConverter.ToInt64(payload[8..16]);
        long max = BitConverter.ToInt64(payload[16..24]);
        Assert.Equal(300, max);
        Assert.True(used >= max, $"halted at a loss of {used} paise, below the line");

        // The input before the halt was still inside the line: its snapshot (the last one written) says so.
        var earlier = records.Where(r => r.Type == RecordType.RiskSnapshot && r.Sequence < halt.Sequence).ToList();
        if (earlier.Count > 0)
        {
            var before = earlier[^1];
            var snapshot = OutputRecordCodec.ReadRiskSnapshot(before.Payload.Span);
            ReadOnlySpan<LimitDistance> distances = snapshot.Distances;
            var daily = distances[..snapshot.Count].ToArray().Single(d => d.Limit == RiskLimit.DailyLoss);
            Assert.True(daily.Used < daily.Max, $"the snapshot at input {before.Sequence} was already past the line");
        }

        // Nothing passes after it: every later verdict is a denial with the coded reason, and no strategy order follows.
        var verdictsAfter = records.Where(r => r.Type == RecordType.RiskVerdict && r.Sequence > halt.Sequence).ToList();
        Assert.True(verdictsAfter.Count >= 3);
        Assert.All(verdictsAfter, v => Assert.Equal(((byte)RiskVerdict.Rejected, (byte)RiskRule.Halted), (v.Payload.Span[4], v.Payload.Span[5])));
        Assert.DoesNotContain(records, r => r.Type == RecordType.OrderRequest && r.Sequence > halt.Sequence && !Engine.Core.Orders.OrderIds.IsSystem(OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence).ClientOrderId));

        // The auditor's reader shows the halt and the denials in words.
        var (dumpExit, dump, dumpErr) = EngineProcess.RunJournal("dump", config.Journal, "--type", "risk_state,risk_verdict");
        Assert.True(dumpExit == 0, dumpErr);
        Assert.Contains("risk_state", dump, StringComparison.Ordinal);
        Assert.Contains("trading halted", dump, StringComparison.Ordinal);

        var (replayExit, replayOut, replayErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut + replayErr);
        Assert.Contains("verify: OK", replayOut + replayErr, StringComparison.Ordinal);
    }

    private static int DeniedAfterHalt(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return 0;
        }

        try
        {
            var records = JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).ToList();
            var halts = records.Where(r => r.Type == RecordType.RiskState && (TradingState)r.Payload.Span[1] == TradingState.Halted).Select(r => r.Sequence).ToList();
            return halts.Count == 0 ? 0 : records.Count(r => r.Type == RecordType.RiskVerdict && r.Sequence > halts[0]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
