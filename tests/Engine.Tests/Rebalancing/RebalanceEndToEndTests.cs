using Engine.Host.Rebalancing;
using Engine.Host.Replay;
using Engine.Sim;
using Engine.Tests.Sim;

namespace Engine.Tests.Rebalancing;

/// <summary>
/// <c>engine rebalance</c> against the simulator, on loopback, as an operator uses it: the first run
/// reaches the targets even when the exchange takes an order but its answer is lost (the tag
/// look-up finds it, so nothing is placed twice); a rebalance whose sell the broker refuses does
/// its buys, says what failed and why, and exits 6; running it again places only the missing sell;
/// once at target it places nothing. The rebalances' journal, one run per rebalance, replays with its decisions verified.
/// </summary>
public sealed class RebalanceEndToEndTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rebalance-").FullName;
    private KiteSimulator _simulator = null!;
    private int _runs;

    private string Config => Path.Combine(_folder, "engine.yaml");

    public async Task InitializeAsync()
    {
        _simulator = await TestSimulator.StartAsync(ticksPerSecond: 20);
        string root = TestData.RepositoryRoot;
        await File.WriteAllTextAsync(Config, $"""
            mode: sim
            instruments: {root}/config/instruments.csv
            session_calendar: {root}/config/session-calendar.yaml
            simulator:
              seed: 7
              speed: 1
              market_start: "09:15"
            journal:
              folder: journal
            strategies:
              instances: []
            """);
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TargetsAreReachedWithoutDuplicatesAFailedSellIsRetriedByRunningAgainAndAtTargetNothingIsPlaced()
    {
        // A lost answer: the exchange places the order, the engine hears 503 and looks it up by its tag.
        _simulator.Faults.FailOrderRequests(1, afterProcessing: true);
        var (first, firstSummary, _) = await RebalanceAsync("NSE:INFY,10\nNSE:TCS,5\n");
        Assert.Equal(0, first);
        Assert.Equal(2, firstSummary!.Done);
        Assert.Equal(10, Held("INFY"));
        Assert.Equal(5, Held("TCS"));
        Assert.Equal(2, _simulator.Exchange.Orders.Count);

        // The broker refuses the sell (a blocked script); the buy still goes.
        _simulator.Faults.BlockOrders("INFY");
        var (second, secondSummary, secondText) = await RebalanceAsync("NSE:INFY,0\nNSE:TCS,5\nNSE:SBIN,8\n");
        _simulator.Faults.UnblockOrders("INFY");
        Assert.True(second == RebalanceRun.ExitIncomplete, secondText);
        var failed = Assert.Single(secondSummary!.Results, r => !r.Done);
        Assert.Equal(("NSE:INFY", Core.Orders.Side.Sell, 10L), (failed.Order.Instrument.Key, failed.Order.Side, failed.Order.Quantity));
        Assert.True(failed.Why.Contains("rejected by the broker", StringComparison.Ordinal), secondText);
        Assert.Contains("FAILED", secondText, StringComparison.Ordinal);
        Assert.Equal((10L, 8L), (Held("INFY"), Held("SBIN")));

        // Again: only the missing sell.
        int ordersBefore = _simulator.Exchange.Orders.Count;
        var (third, thirdSummary, _) = await RebalanceAsync("NSE:INFY,0\nNSE:TCS,5\nNSE:SBIN,8\n");
        Assert.Equal(0, third);
        var sell = Assert.Single(thirdSummary!.Plan.Orders);
        Assert.Equal(("NSE:INFY", Core.Orders.Side.Sell, 10L), (sell.Instrument.Key, sell.Side, sell.Quantity));
        Assert.Equal(ordersBefore + 1, _simulator.Exchange.Orders.Count);
        Assert.Equal((0L, 5L, 8L), (Held("INFY"), Held("TCS"), Held("SBIN")));

        // At target: nothing.
        ordersBefore = _simulator.Exchange.Orders.Count;
        var (fourth, fourthSummary, fourthText) = await RebalanceAsync("NSE:INFY,0\nNSE:TCS,5\nNSE:SBIN,8\n");
        Assert.Equal(0, fourth);
        Assert.Empty(fourthSummary!.Plan.Orders);
        Assert.Contains("at target, nothing placed", fourthText, StringComparison.Ordinal);
        Assert.Equal(ordersBefore, _simulator.Exchange.Orders.Count);

        // No tag twice at the exchange, and every run replays to the same decisions.
        var tags = _simulator.Exchange.Orders.Where(o => o.Tag is not null).Select(o => o.Tag).ToArray();
        Assert.Equal(tags.Length, tags.Distinct().Count());
        var replayed = new StringWriter();
        int replay = ReplayRun.Run(new ReplayRunOptions { Journal = RebalanceJournal, Verify = true, Output = replayed, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None);
        Assert.True(replay == 0, replayed.ToString());
        Assert.Contains($"{_runs} runs", replayed.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int Exit, RebalanceSummary? Summary, string Output)> RebalanceAsync(string targets)
    {
        int run = ++_runs;
        string file = Path.Combine(_folder, $"targets-{run}.csv");
        await File.WriteAllTextAsync(file, targets);
        var output = new StringWriter();
        var (exit, summary) = await RebalanceRun.RunAsync(
            new RebalanceRunOptions
            {
                ConfigFile = Config,
                TargetsFile = file,
                Journal = RebalanceJournal,
                TickerUrl = _simulator.WebSocketUrl,
                Output = TextWriter.Synchronized(output),
                OrderTimeout = TimeSpan.FromSeconds(45),
            },
            CancellationToken.None);
        return (exit, summary, output.ToString());
    }

    // One journal for every rebalance, as the command's default: each appends a run, so the order
    // tags (made from input sequences) never repeat at the broker.
    private string RebalanceJournal => Path.Combine(_folder, "rebalances");

    // The exchange's net position, from its trades.
    private long Held(string symbol) => _simulator.Exchange.Trades.Where(t => t.TradingSymbol == symbol).Sum(t => t.TransactionType == "BUY" ? t.Quantity : -t.Quantity);
}
