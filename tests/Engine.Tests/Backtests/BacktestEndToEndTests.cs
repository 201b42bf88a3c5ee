using System.Text.Json;
using Engine.Host.Backtests;
using Engine.Host.Gateways;
using Engine.Host.Replay;
using Engine.Host.Reports;
using Engine.Host.Running;
using Engine.Journal.Reading;
using Engine.Tests.Cli;

namespace Engine.Tests.Backtests;

/// <summary>
/// A backtest of a built-in strategy on the shipped reference minute bars, with the shipped
/// configuration, as a quant runs it: the same inputs give the same journal byte for byte,
/// <c>replay --verify</c> re-derives every decision from it, slippage costs exactly what the model
/// says on every share, and a sweep's points are each one command that reproduces its journal.
/// </summary>
public sealed class BacktestEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("backtest-").FullName;

    private static string Config => Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml");

    private static string Quotes => TestData.PathOf("quotes/intraday.csv");

    [Fact]
    public void TheSameInputsGiveTheSameJournalByteForByteAndReplayVerifiesIt()
    {
        var first = Backtest("first");
        var second = Backtest("second");
        Assert.True(first.Orders > 0, "the strategy placed no orders on the reference bars");
        Assert.Equal(first.JournalId, second.JournalId);
        var files = Directory.GetFiles(first.Journal).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(second.Journal).Select(Path.GetFileName).Order().ToArray());
        Assert.Contains(files, f => f!.EndsWith(".seg.lz4", StringComparison.Ordinal));
        foreach (string? file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Journal, file!)), File.ReadAllBytes(Path.Combine(second.Journal, file!)));
        }

        var output = new StringWriter();
        int exit = ReplayRun.Run(new ReplayRunOptions { Journal = first.Journal, Verify = true, Output = output, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("verify: OK", output.ToString(), StringComparison.Ordinal);

        var session = SessionRecords.ReadSession(JournalReader.Open(first.Journal), long.MinValue)!.Value;
        Assert.Equal(Host.Configuration.EngineMode.Backtest, session.Run.Mode);
        Assert.Contains("participation 10% of volume", session.Run.Fills, StringComparison.Ordinal);
        Assert.Equal(1_564L * BarTicks.PerBar, first.Ticks);
    }

    [Fact]
    public void AReplayWithBothThreadsOnOneCoreVerifiesTheSameDecisionsAndAnUnusableCoreIsRefused()
    {
        var journal = Backtest("one-core");
        Assert.True(journal.Orders > 0, "the strategy placed no orders on the reference bars");
        int core = Engine.Ring.CpuAffinity.AllowedCores[0];
        var output = new StringWriter();
        var progress = new StringWriter();
        int exit = ReplayRun.Run(new ReplayRunOptions { Journal = journal.Journal, Verify = true, Core = core, Json = true, Output = output, Progress = progress, ProgressIsTerminal = false }, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"replay: producer and logic@{core} on core {core}, a ring of {Engine.Core.Pipeline.TradingPipelineOptions.OneCoreRingSize:N0} slots", progress.ToString(), StringComparison.Ordinal);
        using (var summary = JsonDocument.Parse(output.ToString()))
        {
            Assert.Equal(journal.Orders, summary.RootElement.GetProperty("orders").GetInt64());
            Assert.Equal("ok", summary.RootElement.GetProperty("verify").GetString());
            Assert.True(summary.RootElement.GetProperty("outputs_matched").GetInt64() > 0, output.ToString());
        }

        var refused = Assert.Throws<ArgumentException>(() => ReplayRun.Run(new ReplayRunOptions { Journal = journal.Journal, Core = 1023, Output = TextWriter.Null, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None));
        Assert.Contains("--core 1023", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStampedBacktestJournalsALatencyRecordPerInputThatJournalLatencyBreaksDownAndReplayStillVerifies()
    {
        var stamped = BacktestRun.Run(Options(Path.Combine(_folder, "stamped")) with { StampStages = true }, CancellationToken.None);
        Assert.True(stamped.Orders > 0, "the strategy placed no orders on the reference bars");

        long inputs = 0;
        var breakdown = new Engine.JournalTool.Latency.LatencyBreakdown();
        foreach (var record in JournalReader.Open(stamped.Journal).Read(new JournalReadOptions()))
        {
            if (Engine.Journal.Format.RecordSchema.Types[record.Type].Direction == Engine.Journal.Format.RecordDirection.Input)
            {
                inputs++;
            }

            breakdown.Add(record);
        }

        // Every input has its stamps, and every paper answer is joined to the input that caused its order.
        Assert.Equal(inputs, breakdown.InputToDecision.Count);
        Assert.True(breakdown.Broker.Count > 0, "no paper answer joined to its cause");
        Assert.Equal(0, breakdown.AnswersWithoutCause);

        var output = new StringWriter();
        int exit = ReplayRun.Run(new ReplayRunOptions { Journal = stamped.Journal, Verify = true, Output = output, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("verify: OK", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFillIsAtTheLastPriceOfItsTickAndSlippageMovesEachByItsTicks()
    {
        // The bars' own ticks, made again here: market time to INFY's last price.
        var calendar = Engine.Core.Time.SessionCalendar.Nse;
        var ticks = new BarTicks(new BarSeries(Gateways.TestOrders.InfyInstrument, BarFile.Read(Quotes, calendar.Open).Bars, false, 60_000_000_000, Quotes), calendar);
        var lastPrice = new Dictionary<long, long>();
        var tick = default(Engine.Core.Market.Tick);
        while (ticks.HasNext)
        {
            long at = ticks.NextTimeNs;
            ticks.Next(ref tick);
            lastPrice[at] = tick.LastPrice;
        }

        var plain = JournalHistory.Read(Backtest("plain").Journal).Fills;
        var slipped = JournalHistory.Read(Backtest("slipped", new PaperFillModel { Participation = 0.1, Slippage = new FillSlippage(3, SlippageUnit.Ticks) }).Journal).Fills;
        Assert.NotEmpty(plain);
        Assert.NotEmpty(slipped);
        Assert.All(plain, f => Assert.Equal(lastPrice[f.AtNs], f.Price));
        // Three ticks of ₹0.05 against the order: up for a buy, down for a sell.
        Assert.All(slipped, f => Assert.Equal(lastPrice[f.AtNs] + (f.Side == Engine.Core.Orders.Side.Buy ? 15 : -15), f.Price));
    }

    [Fact]
    public void ABacktestRefusesAJournalFolderThatIsNotEmpty()
    {
        string used = Path.Combine(_folder, "used");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "notes.txt"), "mine");
        var error = Assert.Throws<IOException>(() => BacktestRun.Run(Options(used), CancellationToken.None));
        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFiles(used).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ASweepRanksItsPointsAndEachPointIsOneCommandThatReproducesItsJournal()
    {
        string sweep = Path.Combine(_folder, "sweep");
        var (exit, stdout, stderr) = await Task.Run(() => EngineProcess.Run(TimeSpan.FromMinutes(3), "backtest", "--data", Quotes, "--instrument", "NSE:INFY", "--config", Config, "--journal", sweep, "--sweep", "fast_periods=4,8", "slow_periods=21", "--rank", "total_return", "--json"));
        Assert.True(exit == 0, stdout + stderr);
        using var result = JsonDocument.Parse(stdout);
        var points = result.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(2, points.Length);
        var returns = points.Select(p => p.GetProperty("metric").GetDouble()).ToArray();
        Assert.True(returns[0] >= returns[1], "not ranked highest first");
        Assert.Equal(["fast_periods=4", "fast_periods=8"], points.Select(p => p.GetProperty("parameters")[0].GetString()).Order());
        Assert.True(File.Exists(Path.Combine(sweep, "sweep.json")));

        // The point's own command, run alone into another folder, writes the same journal.
        var best = points[0];
        string[] command = best.GetProperty("command").GetString()!.Split(' ');
        Assert.Equal(["./run.sh", "engine", "backtest"], command[..3]);
        string again = Path.Combine(_folder, "again");
        var arguments = command[2..].ToList();
        arguments[arguments.IndexOf("--journal") + 1] = again;
        var (rerun, rerunOut, rerunErr) = await Task.Run(() => EngineProcess.Run(TimeSpan.FromMinutes(2), [.. arguments]));
        Assert.True(rerun == 0, rerunOut + rerunErr);
        string original = best.GetProperty("journal").GetString()!;
        Assert.Equal(File.ReadAllBytes(Path.Combine(original, "00000000.seg.lz4")), File.ReadAllBytes(Path.Combine(again, "00000000.seg.lz4")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private BacktestSummary Backtest(string name, PaperFillModel? fills = null) =>
        BacktestRun.Run(Options(Path.Combine(_folder, name)) with { Fills = fills }, CancellationToken.None);

    private static BacktestOptions Options(string journal) => new()
    {
        ConfigFile = Config,
        Data = Quotes,
        Instrument = "NSE:INFY",
        Journal = journal,
    };
}
