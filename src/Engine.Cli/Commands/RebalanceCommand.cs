using System.CommandLine;
using System.Globalization;
using Engine.Host.Configuration;
using Engine.Host.Rebalancing;

namespace Engine.Cli.Commands;

/// <summary><c>engine rebalance --targets FILE</c>: a target portfolio in, delta orders out through the risk gate and the gateway, idempotent.</summary>
public static class RebalanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The engine configuration: mode, broker, instruments, risk rules (its strategies do not run).", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var targets = new Option<string>("--targets") { Description = "SYMBOL,TARGET lines: a quantity (10) or a weight of the investable equity (25%); list a holding at 0 to sell it out.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the delta orders and place none." };
        var tickerUrl = new Option<string?>("--ticker-url") { Description = "Ticker WebSocket URL (overrides broker.ticker_url), e.g. a simulator started with 'engine sim'." };
        var journal = new Option<string?>("--journal") { Description = "The rebalances' journal: each rebalance appends a run, so order tags never repeat (default: rebalances/ beside the configuration's folder)." };
        var minimum = new Option<decimal>("--min-trade-value") { Description = "Leave a delta worth less than this many rupees.", DefaultValueFactory = _ => 1_000m };
        var buffer = new Option<decimal>("--cash-buffer") { Description = "Percent of the equity kept in cash: weights are of the rest, and buys stop before it.", DefaultValueFactory = _ => 2m };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for each side's orders to finish.", DefaultValueFactory = _ => "60s" };
        var command = new Command("rebalance", "Trade to a target portfolio: the broker's positions against the targets become delta orders (whole lots, a minimum value, a cash buffer; sells before buys) that pass the risk gate and the gateway like any other, journaled. At target it places nothing; after a failure, running it again places only what is missing.")
        {
            config, targets, dryRun, tickerUrl, journal, minimum, buffer, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string configFile = parse.GetValue(config)!;
            Uri? ticker = parse.GetValue(tickerUrl) is { } text
                ? (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" ? uri : throw new FormatException($"--ticker-url: '{text}' is not a ws:// or wss:// URL."))
                : null;
            var (exit, _) = await RebalanceRun.RunAsync(
                new RebalanceRunOptions
                {
                    ConfigFile = configFile,
                    TargetsFile = parse.GetValue(targets)!,
                    Journal = parse.GetValue(journal) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".", "..", "rebalances"),
                    TickerUrl = ticker,
                    DryRun = parse.GetValue(dryRun),
                    Plan = new RebalancePlanOptions { MinTradeValue = parse.GetValue(minimum), CashBufferPercent = parse.GetValue(buffer) },
                    OrderTimeout = DurationText.Parse(parse.GetValue(timeout)!, "--timeout"),
                },
                cancellationToken);
            return exit;
        });
        return command;
    }
}
