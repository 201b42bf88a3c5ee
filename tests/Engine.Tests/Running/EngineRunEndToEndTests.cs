using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Host.Configuration;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Verification;
using Engine.Journal.Writing;
using Engine.Kite.Ticks;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// <c>engine run</c> and <c>engine replay</c> as processes, against the simulator over a real
/// loopback WebSocket, checked by what a user sees: the journal, the summary, the verify verdict.
/// </summary>
public sealed partial class EngineRunEndToEndTests
{
    [GeneratedRegex(@"verify: FAILED at input sequence (\d+)")]
    private static partial Regex FailedAt();

    [GeneratedRegex(@"strategy (\d+) \([^)]*\)")]
    private static partial Regex StrategyName();

    /// <summary>True once the journal holds at least <paramref name="count"/> records of <paramref name="type"/> (the active segment is read while the engine writes it).</summary>
    internal static bool JournalHolds(string folder, RecordType type, int count)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return false;
        }

        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).Count(r => r.Type == type) >= count;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Intents of the first strategy instance (fast-trend).
    private static int TrendIntents(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return 0;
        }

        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).Count(r => r.Type == RecordType.SignalIntent && r.Payload.Span[5] == 0);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Fact]
    public void ARunAgainstTheSimulatorJournalsEveryTickAndDecisionAndReplayVerifiesThem()
    {
        using var config = new TestEngineConfig();
        // The altered replay below changes the trend strategy: it must have made a decision to differ on.
        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(() => Fills(config.Journal) >= 2 && TrendIntents(config.Journal) >= 1, TimeSpan.FromSeconds(180), "run", "--config", config.File);
        Assert.True(exit == 0, $"engine run exited {exit}: {stderr}\n{stdout}");
        Assert.Contains("consumer  thread", stderr);   // the placement table, for people
        Assert.Contains("ring drained, journal flushed and sealed", stderr);
        Assert.DoesNotContain("sim_access_token", stdout + stderr);
        Assert.Equal("SIGTERM received", summary.GetProperty("reason").GetString());
        Assert.True(summary.GetProperty("drained").GetBoolean() && summary.GetProperty("sealed").GetBoolean());
        long received = summary.GetProperty("ticks_received").GetInt64();
        Assert.True(received > 0);
        Assert.Equal(received, summary.GetProperty("ticks_processed").GetInt64());

        // The journal holds every tick the engine decoded, each as the packet that arrived, and
        // every decision: an intent, its verdict and (accepted) its order.
        var records = JournalReader.Open(config.Journal).Read().ToList();
        var tickRecords = records.Where(r => r.Type == RecordType.Tick).ToList();
        Assert.Equal(received, tickRecords.Count);
        var tick = default(Tick);
        Assert.All(tickRecords, r => Assert.True(TickDecoder.TryDecode(r.Payload.Span[InputRecordCodec.PrefixSize..], ref tick)));
        Assert.Equal(tickRecords.Select(r => r.Sequence).Order(), tickRecords.Select(r => r.Sequence));
        long intents = records.Count(r => r.Type == RecordType.SignalIntent);
        Assert.Equal(summary.GetProperty("signals").GetInt64(), intents);
        Assert.Equal(intents, records.Count(r => r.Type == RecordType.RiskVerdict));
        Assert.Equal(summary.GetProperty("orders").GetInt64(), records.Count(r => r.Type == RecordType.OrderRequest));
        Assert.True(summary.GetProperty("orders").GetInt64() >= 2);
        Assert.Contains(records, r => r.Type == RecordType.SessionStart);
        Assert.Contains(records, r => r.Type == RecordType.Timer);
        Assert.True(JournalVerifier.Verify(config.Journal).Ok);

        // An auditor follows each order from its input to the exchange's answer.
        var (ordersExit, ordersJson, ordersErr) = EngineProcess.RunJournal("orders", config.Journal, "--json");
        Assert.True(ordersExit == 0, ordersErr);
        var lives = ordersJson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(summary.GetProperty("orders").GetInt64(), lives.Count);
        var filled = lives.First(l => l.GetProperty("state").GetString() == "Complete");
        var kinds = filled.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "input", "intent", "verdict", "request", "reply", "update", "state" }, kinds);
        string broker = filled.GetProperty("broker_order_id").GetString()!;
        var (oneExit, one, _) = EngineProcess.RunJournal("orders", config.Journal, "--order", broker);
        Assert.Equal(0, oneExit);
        Assert.StartsWith($"order {filled.GetProperty("client_order_id").GetUInt64()}: ", one, StringComparison.Ordinal);
        Assert.Matches(@"^  \S+\+05:30 \(\S+Z\)  seq \d+", one.Split('\n')[1]);   // each step in IST and UTC

        // The summary the main job ends with: totals by final state, and per instrument the net position the fills leave.
        var (summaryExit, summaryText, _) = EngineProcess.RunJournal("orders", config.Journal, "--summary");
        Assert.Equal(0, summaryExit);
        string[] summaryLines = summaryText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{lives.Count} orders: {lives.Count(l => l.GetProperty("state").GetString() == "Complete")} complete, ", summaryLines[0], StringComparison.Ordinal);
        var symbols = Engine.Kite.Instruments.KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv")).ToDictionary(i => i.InstrumentToken, i => i.TradingSymbol);
        var netShown = summaryLines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(c => c[0], c => long.Parse(c[^1], CultureInfo.InvariantCulture));
        Assert.Equal(Positions(config.Journal).Where(p => p.Value != 0).ToDictionary(p => symbols[p.Key], p => p.Value).OrderBy(p => p.Key), netShown.Where(p => p.Value != 0).OrderBy(p => p.Key));

        var (replayExit, replayOut, replayErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut + replayErr);
        Assert.Contains("verify: OK: every decision re-derived identically", replayOut);

        // A changed strategy parameter must show at the first input whose decisions differ, and
        // nowhere before it.
        string altered = config.WriteVariant("altered.yaml", fastPeriods: 3);
        var (badExit, badOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify", "--config", altered);
        Assert.Equal(1, badExit);
        var failed = FailedAt().Match(badOut);
        Assert.True(failed.Success, badOut);
        long at = long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture);

        var (beforeExit, beforeOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify", "--config", altered, "--until", (at - 1).ToString(CultureInfo.InvariantCulture));
        Assert.True(beforeExit == 0, beforeOut);

        // What the report calls "recorded" is what the journal holds for that input.
        string[] lines = badOut.Split('\n').Select(l => l.TrimEnd()).ToArray();
        int recordedAt = Array.IndexOf(lines, "  recorded in the journal:");
        int replayedAt = Array.IndexOf(lines, "  made by this replay:");
        var reported = lines[(recordedAt + 1)..replayedAt].Select(l => StrategyName().Replace(l.Trim(), "strategy $1")).Where(l => l != "(no decisions)").ToList();
        // Every output the journal holds for that input: a risk snapshot falls on it now and then.
        var journaled = records.Where(r => r.Sequence == at && RecordSchema.Types.TryGetValue(r.Type, out var info) && info.Direction == RecordDirection.Output)
            .Select(r => OutputRecordCodec.Describe(r.Type, r.Payload.Span)).ToList();
        Assert.Equal(journaled, reported);
        var replayed = lines[(replayedAt + 1)..].TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => StrategyName().Replace(l.Trim(), "strategy $1")).ToList();
        Assert.NotEqual(journaled, replayed);
    }

    [GeneratedRegex(@"^listening ws=(ws://127\.0\.0\.1:\d+/) rest=")]
    private static partial Regex SimListening();

    [Fact]
    public void TheTickerAndTheLogicThreadOnOneCoreTradeAsUsualAndTheStartUpSaysWhereEachRuns()
    {
        int core = Engine.Ring.CpuAffinity.AllowedCores[^1];
        using var config = new TestEngineConfig();
        string text = File.ReadAllText(config.File);
        File.WriteAllText(config.File, text.Replace("  ring_size: 1024\n", $"  ring_size: 1024\n  placement: fused\n  cores: {{ logic: {core}, ticker: {core} }}\n", StringComparison.Ordinal));
        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(() => Fills(config.Journal) >= 1, TimeSpan.FromSeconds(180), "run", "--config", config.File);
        Assert.True(exit == 0, $"engine run exited {exit}: {stderr}\n{stdout}");
        Assert.Contains($"pinned to core {core}", stderr);
        Assert.Contains($"ticker connection 0: receive thread pinned to core {core}", stdout + stderr);
        long received = summary.GetProperty("ticks_received").GetInt64();
        Assert.True(received > 0);
        Assert.Equal(received, summary.GetProperty("ticks_processed").GetInt64());
        Assert.Equal(received, JournalReader.Open(config.Journal).Read().Count(r => r.Type == RecordType.Tick));
        Assert.True(JournalVerifier.Verify(config.Journal).Ok);
    }

    [Fact]
    public void TheMainJobsShapeASeparateSimulatorFromTheSameConfigurationAndAnEngineAgainstItVerifies()
    {
        // What ./run.sh does: 'engine sim --config' in one process, 'engine run --ticker-url' in another.
        using var config = new TestEngineConfig();
        using var sim = EngineProcess.Start("sim", "--port", "0", "--config", config.File, "--duration", "120");
        var url = SimListening().Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)));
        Assert.True(url.Success, sim.FirstLine);
        Engine.Tests.Ring.Await.Until(() => (sim.Stdout + sim.Stderr).Contains("ticks/s each", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => sim.Stdout + sim.Stderr);
        var calendar = EngineConfigLoader.Load(config.File, Engine.Core.Strategies.StrategyRegistry.CreateWithBuiltins()).Calendar;
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddMinutes(330));
        while (!calendar.IsTradingDay(day))
        {
            day = day.AddDays(-1);
        }

        Assert.Contains($"at 25 ticks/s each, seed 7, market time from {day:yyyy-MM-dd} 09:15:00 +05:30", sim.Stdout + sim.Stderr);

        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(() => JournalHolds(config.Journal, RecordType.Tick, 200), TimeSpan.FromSeconds(120), "run", "--config", config.File, "--ticker-url", url.Groups[1].Value);
        Assert.True(exit == 0, stdout + stderr);
        Assert.True(summary.GetProperty("ticks_received").GetInt64() >= 200, stdout);
        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
    }

    [Fact]
    public void APaperRunFillsAtThePaperBrokerAgainstTheTicksItSeesAndReplaysWithoutIt()
    {
        using var config = new TestEngineConfig();
        File.WriteAllText(config.File, File.ReadAllText(config.File).Replace("mode: sim", "mode: paper\nmarket_clock: simulator", StringComparison.Ordinal));
        using var sim = EngineProcess.Start("sim", "--port", "0", "--config", config.File, "--duration", "180");
        var url = SimListening().Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)));
        Assert.True(url.Success, sim.FirstLine);
        var environment = new Dictionary<string, string> { ["KITE_API_KEY"] = "sim_api_key", ["KITE_ACCESS_TOKEN"] = "sim_access_token" };

        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(environment, () => Fills(config.Journal) >= 2, TimeSpan.FromSeconds(180), "run", "--config", config.File, "--ticker-url", url.Groups[1].Value);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal("paper", summary.GetProperty("mode").GetString());
        Assert.StartsWith("paper broker", summary.GetProperty("gateway").GetString(), StringComparison.Ordinal);
        Assert.True(summary.GetProperty("orders_filled").GetInt64() >= 2);
        var records = JournalReader.Open(config.Journal).Read().ToList();
        var replies = records.Where(r => r.Type == RecordType.OrderReply).Select(r => InputRecordCodec.ReadReply(r.Payload.Span)).ToList();
        Assert.All(replies, r => Assert.Equal(Engine.Core.Orders.ReplyOutcome.Accepted, r.Outcome));
        Assert.Equal(records.Count(r => r.Type == RecordType.OrderRequest), replies.Count);

        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
        Assert.Contains("verify: OK", replayOut, StringComparison.Ordinal);
    }

    internal static int Fills(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return 0;
        }

        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true })
                .Count(r => r.Type == RecordType.OrderTransition && OutputRecordCodec.ReadTransition(r.Payload.Span).FillQuantity > 0);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Fact]
    public void TwoRunsIntoOneJournalContinueTheSequenceAndReplayAsTwoRuns()
    {
        using var config = new TestEngineConfig();
        for (int run = 0; run < 2; run++)
        {
            // The in-process simulator is new each run and holds none of the first run's positions.
            string[] adopt = run == 1 ? ["--adopt-broker-state"] : [];
            var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(120), ["run", "--config", config.File, "--duration", "3s", .. adopt]);
            Assert.True(exit == 0, stdout + stderr);
        }

        var records = JournalReader.Open(config.Journal).Read().ToList();
        var starts = records.Where(r => r.Type == RecordType.SessionStart).Select(r => r.Sequence).ToList();
        Assert.Equal(2, starts.Count);
        var inputs = records.Where(r => RecordSchema.Types[r.Type].Direction == RecordDirection.Input).Select(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, inputs.Count).Select(i => (long)i), inputs);   // one sequence across both runs
        Assert.Equal(inputs.First(s => s >= starts[1]), starts[1]);

        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify", "--json");
        Assert.True(replayExit == 0, replayOut);
        using var summary = System.Text.Json.JsonDocument.Parse(replayOut.Trim().Split('\n')[^1]);
        Assert.Equal(2, summary.RootElement.GetProperty("runs").GetInt32());
        Assert.Equal(inputs.Count, summary.RootElement.GetProperty("inputs").GetInt64());
        Assert.Equal("ok", summary.RootElement.GetProperty("verify").GetString());
    }

    [Fact]
    public void KillingTheEngineMidRunLeavesAJournalThatReopensVerifiesAndReplays()
    {
        using var config = new TestEngineConfig();
        using (var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s"))
        {
            // Wait for decisions to be journaled, then kill without warning.
            Engine.Tests.Ring.Await.Until(() => JournalBytes(config.Journal) > 200_000 || engine.Stdout.Contains("engine: ", StringComparison.Ordinal) && JournalBytes(config.Journal) > 200_000, TimeSpan.FromSeconds(60), () => engine.Stdout + engine.Stderr);
            engine.Signal(9);
            Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(20)));
            Assert.Equal(137, engine.ExitCode);
        }

        // The reader sees the active segment as the writer left it; verify passes (a torn tail is a warning).
        var (verifyExit, verifyOut, verifyErr) = EngineProcess.RunJournal("verify", config.Journal);
        Assert.True(verifyExit == 0, verifyOut + verifyErr);

        // Replay runs up to the last complete record and re-derives every recorded decision.
        var records = JournalReader.Open(config.Journal).Read().Select(r => (r.Type, r.Sequence)).ToList();
        long lastInput = records.Where(r => RecordSchema.Types.TryGetValue(r.Type, out var info) && info.Direction == RecordDirection.Input).Max(r => r.Sequence);
        var (replayExit, replayOut, replayErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify", "--json");
        Assert.True(replayExit == 0, replayOut + replayErr);
        using var summary = System.Text.Json.JsonDocument.Parse(replayOut.Trim().Split('\n')[^1]);
        Assert.Contains(summary.RootElement.GetProperty("verify").GetString(), new[] { "ok", "ok-truncated" });
        Assert.Equal(lastInput, summary.RootElement.GetProperty("last_input_sequence").GetInt64());

        // Reopening for writing cuts the torn tail, continues the sequence, and the result verifies.
        using (var writer = JournalWriter.Open(new JournalWriterOptions { Folder = config.Journal }))
        {
            Assert.True(writer.LastSequence >= lastInput);
        }

        Assert.True(JournalVerifier.Verify(config.Journal).Ok);
    }

    [GeneratedRegex(@"admin endpoint listening on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex AdminListening();

    [Fact]
    public async Task TheAdminEndpointAnswersOnlyItsTokenAndNothingAWebPageCanSendAndEngineCtlUsesIt()
    {
        using var config = new TestEngineConfig(extra: "admin:\n  port: 0\n");
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s");
        var admin = AdminUrl(engine);
        string tokenFile = Path.Combine(config.Folder, "admin.token");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }

        Assert.DoesNotContain(File.ReadAllText(tokenFile).Trim(), engine.Stdout + engine.Stderr);

        using var anonymous = new HttpClient();
        using (var none = await anonymous.GetAsync(new Uri(admin, "status")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, none.StatusCode);
        }

        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", new string('0', 64));
        using (var refused = await wrong.PostAsync(new Uri(admin, "kill-switch"), null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // What a page in the operator's browser could send: a form POST from another origin.
        using var http = AdminClient(config);
        using (var form = new HttpRequestMessage(HttpMethod.Post, new Uri(admin, "halt")) { Content = new FormUrlEncodedContent([new("reason", "csrf")]) })
        {
            form.Headers.Add("Origin", "http://evil.example");
            form.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var crossSite = await anonymous.SendAsync(form);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, crossSite.StatusCode);
        }

        Assert.Equal("sim", StatusOf(http, admin).GetProperty("mode").GetString());
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("ticks_received").GetInt64() > 0, TimeSpan.FromSeconds(60), () => "no ticks");

        // Prometheus scrapes with the same token.
        using (var unscraped = await anonymous.GetAsync(new Uri(admin, "metrics")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unscraped.StatusCode);
        }

        string metrics = await http.GetStringAsync(new Uri(admin, "metrics"));
        Assert.Matches(@"(?m)^engine_ticks_received_total [1-9]", metrics);
        Assert.Matches(@"(?m)^engine_trading_state 1$", metrics);
        Assert.Contains("engine_risk_limit_max{limit=\"orders_per_second\"} 10", metrics, StringComparison.Ordinal);

        var (ctlExit, ctlOut, ctlErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ctl", "status", "--config", config.File);
        Assert.True(ctlExit == 0, ctlOut + ctlErr);
        Assert.Contains("ACTIVE", ctlOut, StringComparison.Ordinal);
        Assert.Contains("orders_per_second", ctlOut, StringComparison.Ordinal);

        // Orders, positions and risk each have their own endpoint behind the same token.
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("orders").GetInt64() > 0, TimeSpan.FromSeconds(60), () => "no orders");
        foreach (string part in new[] { "orders", "positions", "risk" })
        {
            using var unread = await anonymous.GetAsync(new Uri(admin, part));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unread.StatusCode);
        }

        using (var orders = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(admin, "orders"))))
        {
            var listed = orders.RootElement.GetProperty("orders").EnumerateArray().ToList();
            Assert.NotEmpty(listed);
            var journaled = JournalReader.Open(config.Journal).Read(new JournalReadOptions { SkipDamaged = true })
                .Where(r => r.Type == RecordType.OrderRequest).Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence).ClientOrderId).ToHashSet();
            Assert.Contains(listed, o => journaled.Contains(o.GetProperty("client_order_id").GetUInt64()));
            Assert.All(listed, o => Assert.Contains(o.GetProperty("state").GetString(), new[] { "pending_new", "working", "pending_modify", "pending_cancel", "complete", "cancelled", "rejected" }));

            var (ordersExit, ordersOut, ordersErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ctl", "orders", "--config", config.File);
            Assert.True(ordersExit == 0, ordersOut + ordersErr);
            Assert.Contains(listed[^1].GetProperty("client_order_id").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), ordersOut, StringComparison.Ordinal);
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Array, System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(admin, "positions"))).RootElement.GetProperty("positions").ValueKind);
        Assert.Equal("active", System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(admin, "risk"))).RootElement.GetProperty("trading_state").GetString());
        var (limitsExit, limitsOut, limitsErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ctl", "limits", "--config", config.File);
        Assert.True(limitsExit == 0, limitsOut + limitsErr);
        Assert.StartsWith("ACTIVE", limitsOut, StringComparison.Ordinal);
        Assert.Contains("orders_per_second", limitsOut, StringComparison.Ordinal);
        var (haltExit, haltOut, haltErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ctl", "halt", "--config", config.File, "--reason", "desk");
        Assert.True(haltExit == 0, haltOut + haltErr);
        Assert.StartsWith("halt: input ", haltOut, StringComparison.Ordinal);
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(30)));

        // Refused requests never became inputs: the one command in the journal is ctl's halt.
        var commands = JournalReader.Open(config.Journal).Read().Where(r => r.Type == RecordType.Command).ToList();
        var halt = Assert.Single(commands);
        Assert.Equal((ushort)Engine.Core.Events.CommandKind.Halt, BitConverter.ToUInt16(halt.Payload.Span[..2]));
    }

    [Fact]
    public async Task TheAdminSocketIsTheOwnersAloneWantsTheTokenAndReplacesAStaleOne()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var config = new TestEngineConfig(extra: "admin:\n  socket: admin.sock\n");
        string path = Path.Combine(config.Folder, "admin.sock");

        // A socket file as a killed run leaves it: bound, nobody listening (a disposed socket would remove its file).
        using var stale = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        stale.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s");
        Engine.Tests.Ring.Await.Until(() => (engine.Stdout + engine.Stderr).Contains("admin endpoint listening on unix:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => engine.Stdout + engine.Stderr);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("unix:" + path, File.ReadAllText(Path.Combine(config.Folder, "admin.token.url")).Trim());

        using (var anonymous = SocketClient(path, null))
        using (var none = await anonymous.GetAsync(new Uri("status", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, none.StatusCode);
        }

        using (var http = SocketClient(path, File.ReadAllText(Path.Combine(config.Folder, "admin.token")).Trim()))
        {
            using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("status", UriKind.Relative)));
            Assert.Equal("sim", status.RootElement.GetProperty("mode").GetString());
        }

        var (ctlExit, ctlOut, ctlErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ctl", "kill", "--config", config.File, "--reason", "over the socket");
        Assert.True(ctlExit == 0, ctlOut + ctlErr);
        Assert.StartsWith("kill", ctlOut, StringComparison.Ordinal);
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(30)));
        var kill = Assert.Single(JournalReader.Open(config.Journal).Read(), r => r.Type == RecordType.Command);
        Assert.Equal((ushort)Engine.Core.Events.CommandKind.KillSwitch, BitConverter.ToUInt16(kill.Payload.Span[..2]));
    }

    private static HttpClient SocketClient(string path, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path), cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    [Fact]
    public async Task AHaltIsAlertedToTheWebhookWhichIsRetriedWhenItFailsWithoutStoppingTrading()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var receiver = new System.Net.HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var receiving = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await receiver.GetContextAsync();
                }
                catch (Exception ex) when (ex is System.Net.HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream);
                bodies.Enqueue(await reader.ReadToEndAsync());
                context.Response.StatusCode = bodies.Count == 1 ? 500 : 200;   // the first delivery fails
                context.Response.Close();
            }
        });

        using var config = new TestEngineConfig(extra: $"admin:\n  port: 0\nalerts:\n  webhook_url: http://127.0.0.1:{port}/hook\n  telegram_chat_id: \"-100123\"\n");
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s");
        var admin = AdminUrl(engine);
        using var http = AdminClient(config);
        await Command(http, new Uri(admin, "halt?reason=desk"));
        Engine.Tests.Ring.Await.Until(() => bodies.Count >= 2, TimeSpan.FromSeconds(60), () => $"{bodies.Count} webhook calls: {string.Join(" | ", bodies)}");
        long ticks = StatusOf(http, admin).GetProperty("ticks_processed").GetInt64();
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("ticks_processed").GetInt64() > ticks, TimeSpan.FromSeconds(30), () => "the engine stopped processing");
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(30)));
        receiver.Stop();
        await receiving;

        var first = System.Text.Json.JsonDocument.Parse(bodies.First()).RootElement;
        Assert.Equal("halted", first.GetProperty("kind").GetString());
        Assert.Contains("HALTED", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("-100123", first.GetProperty("chat_id").GetString());
        Assert.Equal(bodies.First(), bodies.Skip(1).First());   // the retry sends the same alert
    }

    [Fact]
    public async Task AnOperatorsHaltAndResumeAreJournaledStateChangesThatTheStatusShows()
    {
        using var config = new TestEngineConfig(extra: "admin:\n  port: 0\n");
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s");
        var admin = AdminUrl(engine);
        using var http = AdminClient(config);
        string State() => StatusOf(http, admin).GetProperty("risk").GetProperty("trading_state").GetString()!;
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("ticks_processed").GetInt64() > 50, TimeSpan.FromSeconds(60), () => "no ticks");

        await Command(http, new Uri(admin, "halt?reason=desk"));
        Engine.Tests.Ring.Await.Until(() => State() == "halted", TimeSpan.FromSeconds(10), () => $"state {State()}");
        await Command(http, new Uri(admin, "resume?reason=desk"));
        Engine.Tests.Ring.Await.Until(() => State() == "active", TimeSpan.FromSeconds(10), () => $"state {State()}");

        // A new rule set: refused with its problems located, or in force from its command on.
        using var bad = await http.PostAsync(new Uri(admin, "rules"), new StringContent("loss:\n  max_loss: lots\n"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("POST /rules:2:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await http.PostAsync(new Uri(admin, "rules"), new StringContent("version: 9\nloss:\n  max_loss: 123\n"));
        Assert.True(good.IsSuccessStatusCode, await good.Content.ReadAsStringAsync());
        Engine.Tests.Ring.Await.Until(
            () => StatusOf(http, admin).GetProperty("risk").GetProperty("limits").EnumerateArray().Any(l => l.GetProperty("limit").GetString() == "max_loss" && l.GetProperty("max").GetDecimal() == 123m),
            TimeSpan.FromSeconds(10), () => "the new max_loss line is not in the status");
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(30)));
        var (replayExit, replayOut, replayErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut + replayErr);

        var changes = JournalReader.Open(config.Journal).Read().Where(r => r.Type == RecordType.RiskState)
            .Select(r => ((Engine.Core.Risk.TradingState)r.Payload.Span[1], (Engine.Core.Risk.TradingStateTrigger)r.Payload.Span[2])).ToList();
        Assert.Equal([(Engine.Core.Risk.TradingState.Halted, Engine.Core.Risk.TradingStateTrigger.OperatorHalt), (Engine.Core.Risk.TradingState.Active, Engine.Core.Risk.TradingStateTrigger.OperatorResume)], changes);
    }

    [Fact]
    public async Task TheAdminEndpointShowsStatusAndItsKillSwitchIsAJournaledInputThatStopsEveryOrder()
    {
        using var config = new TestEngineConfig(extra: "admin:\n  port: 0\n");
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "60s");
        var admin = AdminUrl(engine);
        using var http = AdminClient(config);

        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("ticks_processed").GetInt64() > 200, TimeSpan.FromSeconds(60), () => "no ticks");
        var status = StatusOf(http, admin);
        Assert.Equal("sim", status.GetProperty("mode").GetString());
        Assert.False(status.GetProperty("kill_switch").GetBoolean());
        Assert.Equal(10, status.GetProperty("instruments").GetInt32());
        var risk = status.GetProperty("risk");
        Assert.Equal("active", risk.GetProperty("trading_state").GetString());
        Assert.Contains(risk.GetProperty("limits").EnumerateArray(), l => l.GetProperty("limit").GetString() == "orders_per_second" && l.GetProperty("max").GetDecimal() == 10m);

        using var kill = await http.PostAsync(new Uri(admin, "kill-switch?reason=test%20desk"), null);
        Assert.True(kill.IsSuccessStatusCode);
        using var killed = System.Text.Json.JsonDocument.Parse(await kill.Content.ReadAsStringAsync());
        long killedAt = killed.RootElement.GetProperty("input_sequence").GetInt64();
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("kill_switch").GetBoolean(), TimeSpan.FromSeconds(10), () => "kill switch not engaged");

        // Let the strategies keep deciding for a while with the switch engaged, then stop cleanly.
        long signals = StatusOf(http, admin).GetProperty("signals").GetInt64();
        Engine.Tests.Ring.Await.Until(() => StatusOf(http, admin).GetProperty("signals").GetInt64() > signals + 3, TimeSpan.FromSeconds(60), () => "no further signals");
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, engine.ExitCode);

        var records = JournalReader.Open(config.Journal).Read().ToList();
        var command = Assert.Single(records, r => r.Type == RecordType.Command);
        Assert.Equal(killedAt, command.Sequence);
        Assert.Contains("admin endpoint: test desk", System.Text.Encoding.UTF8.GetString(command.Payload.Span[InputRecordCodec.CommandPrefixSize..]));
        var after = records.Where(r => r.Type == RecordType.RiskVerdict && r.Sequence > killedAt).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.Equal((byte)Engine.Core.Risk.RiskRule.KillSwitch, r.Payload.Span[5]));
        Assert.DoesNotContain(records, r => r.Type == RecordType.OrderRequest && r.Sequence > killedAt);

        // The operator's command replays like any other input.
        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
    }

    [Fact]
    public async Task AFlattenFromTheAdminEndpointClosesEveryPositionAndStopsTheStrategiesUntilResume()
    {
        using var config = new TestEngineConfig(extra: "admin:\n  port: 0\n");
        using var engine = EngineProcess.Start("run", "--config", config.File, "--duration", "120s", "--json");
        var admin = AdminUrl(engine);
        using var http = AdminClient(config);
        // A strategy may close its own position between the test seeing it and the flatten
        // arriving; then there is nothing to close, so resume and try again.
        long flattenedAt;
        for (int attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 5, "no position was open when any of 5 flattens arrived");
            WaitFor(() => Positions(config.Journal).Values.Any(q => q != 0), "an open position");
            flattenedAt = await Command(http, new Uri(admin, "flatten?reason=end%20of%20test"));
            long at = flattenedAt;
            WaitFor(() => JournalHolds(config.Journal, RecordType.Command, 1) && Read(config.Journal).Any(r => r.Type == RecordType.Command && r.Sequence == at), "the flatten in the journal");
            if (Positions(config.Journal, before: flattenedAt).Values.Any(q => q != 0))
            {
                break;
            }

            await Command(http, new Uri(admin, "resume?reason=nothing%20was%20open"));
        }

        WaitFor(() => JournalHolds(config.Journal, RecordType.OrderRequest, 1) && Positions(config.Journal).Values.All(q => q == 0) && EngineOrdersFilled(config.Journal) > 0, "every position closed by the engine's own orders");
        engine.Signal(15);
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, engine.ExitCode);

        var records = JournalReader.Open(config.Journal).Read().ToList();
        var afterFlatten = records.Where(r => r.Sequence >= flattenedAt).ToList();   // the closing orders may go out on the flatten input itself
        Assert.All(afterFlatten.Where(r => r.Type == RecordType.RiskVerdict), r => Assert.Equal((byte)Engine.Core.Risk.RiskRule.Flattened, r.Payload.Span[5]));
        var placedAfter = afterFlatten.Where(r => r.Type == RecordType.OrderRequest).Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence)).Where(o => o.Action == Engine.Core.Orders.OrderAction.Place).ToList();
        Assert.NotEmpty(placedAfter);
        Assert.All(placedAfter, o => Assert.True(Engine.Core.Orders.OrderIds.IsSystem(o.ClientOrderId)));
        Assert.All(Positions(config.Journal), p => Assert.Equal(0, p.Value));

        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
    }

    // A client that sends the token the engine made in the configuration's folder.
    private static HttpClient AdminClient(TestEngineConfig config)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(config.Folder, "admin.token")).Trim());
        return http;
    }

    // The admin endpoint's base URL, once the engine says where it listens.
    private static Uri AdminUrl(EngineProcess engine)
    {
        Engine.Tests.Ring.Await.Until(() => AdminListening().IsMatch(engine.Stdout + engine.Stderr), TimeSpan.FromSeconds(60), () => engine.Stdout + engine.Stderr);
        return new Uri(AdminListening().Match(engine.Stdout + engine.Stderr).Groups[1].Value.TrimEnd('/') + "/");
    }

    private static async Task<long> Command(HttpClient http, Uri command)
    {
        using var response = await http.PostAsync(command, null);
        Assert.True(response.IsSuccessStatusCode, $"{command}: HTTP {(int)response.StatusCode}");
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("input_sequence").GetInt64();
    }

    private static List<JournalRecord> Read(string folder)
    {
        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Net quantity per instrument from the fills the journal recorded (those of inputs before <paramref name="before"/>).</summary>
    internal static Dictionary<uint, long> Positions(string folder, long before = long.MaxValue)
    {
        var net = new Dictionary<uint, long>();
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return net;
        }

        var orders = new Dictionary<ulong, Engine.Core.Orders.OrderRequest>();
        try
        {
            foreach (var r in JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }))
            {
                if (r.Type == RecordType.OrderRequest)
                {
                    var order = OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence);
                    if (order.Action == Engine.Core.Orders.OrderAction.Place)
                    {
                        orders[order.ClientOrderId] = order;
                    }
                }
                else if (r.Type == RecordType.OrderTransition)
                {
                    var t = OutputRecordCodec.ReadTransition(r.Payload.Span);
                    if (t.FillQuantity > 0 && !t.Illegal && r.Sequence < before && orders.TryGetValue(t.ClientOrderId, out var placed))
                    {
                        net[placed.InstrumentToken] = net.GetValueOrDefault(placed.InstrumentToken) + (placed.Side == Engine.Core.Orders.Side.Buy ? t.FillQuantity : -t.FillQuantity);
                    }
                }
            }
        }
        catch (IOException)
        {
        }

        return net;
    }

    private static int EngineOrdersFilled(string folder) =>
        JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true })
            .Where(r => r.Type == RecordType.OrderTransition)
            .Select(r => OutputRecordCodec.ReadTransition(r.Payload.Span))
            .Count(t => Engine.Core.Orders.OrderIds.IsSystem(t.ClientOrderId) && t.FillQuantity > 0);

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"timed out waiting for {what}");
            Thread.Sleep(250);
        }
    }

    private static System.Text.Json.JsonElement StatusOf(HttpClient http, Uri admin)
    {
        using var document = System.Text.Json.JsonDocument.Parse(http.GetStringAsync(new Uri(admin, "status")).GetAwaiter().GetResult());
        return document.RootElement.Clone();
    }

    private static long JournalBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length) : 0;
}
