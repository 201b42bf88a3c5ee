using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Reconciliation;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// A restart into the same journal, engine and simulator as separate processes: the engine is
/// killed with SIGKILL while it trades, started again, and must hold exactly the positions the
/// exchange holds, send no tag twice, and replay; against a simulator that never saw its orders it
/// refuses to trade (exit 5) with the differences printed, unless told to adopt the broker's account.
/// </summary>
public sealed partial class RestartEndToEndTests
{
    [GeneratedRegex(@"^listening ws=(ws://127\.0\.0\.1:\d+/) rest=(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex SimListening();

    [Fact]
    public async Task AfterAKillNineTheRestartHoldsTheExchangesPositionsAndSendsNoTagTwice()
    {
        using var config = new TestEngineConfig();
        using var sim = EngineProcess.Start("sim", "--port", "0", "--config", config.File, "--duration", "400");
        var listening = SimListening().Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)));
        Assert.True(listening.Success, sim.FirstLine);
        string ticker = listening.Groups[1].Value;
        using var http = SimClient(new Uri(listening.Groups[2].Value));

        // The first run trades until the exchange holds positions, then dies without a word.
        using (var first = EngineProcess.Start("run", "--config", config.File, "--ticker-url", ticker))
        {
            Ring.Await.Until(() => EngineRunEndToEndTests.Positions(config.Journal).Count(p => p.Value != 0) >= 2 || first.WaitForExit(TimeSpan.Zero), TimeSpan.FromSeconds(120), () => "no positions journaled: " + first.Stderr);
            first.Signal(9);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(30)), "SIGKILL did not end the engine");
            Assert.Equal(128 + 9, first.ExitCode);
        }

        // The second run restores and reconciles, then trades on; it stops when asked.
        int runs = Sessions(config.Journal);
        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(
            () => Sessions(config.Journal) > runs && RestoredState(config.Journal) is not null && InputsOfLastRun(config.Journal) > 200,
            TimeSpan.FromSeconds(120), "run", "--config", config.File, "--ticker-url", ticker);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("account restored from the journal's last run", stderr, StringComparison.Ordinal);
        Assert.Contains("the broker agrees", stderr, StringComparison.Ordinal);

        // What the restart began from is what the first run had filled; what the engine ends with
        // is what the exchange holds (a restart without the restore would know only its own fills).
        var restored = RestoredState(config.Journal)!;
        Assert.Contains(restored.Positions, p => p.NetQuantity != 0);
        var held = summary.GetProperty("risk").GetProperty("positions").EnumerateArray()
            .Where(p => p.GetProperty("quantity").GetInt64() != 0)
            .ToDictionary(p => p.GetProperty("instrument").GetString()!, p => p.GetProperty("quantity").GetInt64());
        var atExchange = ExchangePositions(http);
        Assert.Equal(atExchange.OrderBy(p => p.Key), held.OrderBy(p => p.Key));

        // No tag twice at the exchange, and none the journal did not send.
        using var book = JsonDocument.Parse(await http.GetStringAsync(new Uri("orders", UriKind.Relative)));
        var tags = book.RootElement.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("tag").GetString()!).ToList();
        Assert.Equal(tags.Count, tags.Distinct(StringComparer.Ordinal).Count());
        var placed = PlacedTags(config.Journal);
        Assert.All(tags, tag => Assert.Contains(tag, placed));

        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
        Assert.Contains("verify: OK", replayOut, StringComparison.Ordinal);

        // A simulator that never saw these orders (the in-process one) holds nothing: the engine refuses.
        var (refusedExit, refusedOut, refusedErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "run", "--config", config.File, "--duration", "3s");
        if (atExchange.Count > 0)
        {
            Assert.True(refusedExit == 5, refusedOut + refusedErr);
            Assert.Contains("refusing to trade", refusedOut, StringComparison.Ordinal);
            Assert.Contains("--adopt-broker-state", refusedOut, StringComparison.Ordinal);
            Assert.Matches(@"position NSE:\w+ MIS: journal [+-]\d+, broker 0", refusedOut);

            var (adoptExit, adoptOut, adoptErr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "run", "--config", config.File, "--duration", "3s", "--adopt-broker-state");
            Assert.True(adoptExit == 0, adoptOut + adoptErr);
            Assert.Contains("the broker's account adopted", adoptOut, StringComparison.Ordinal);
            Assert.Equal("broker", RestoredState(config.Journal)!.Source);
        }
    }

    private static HttpClient SimClient(Uri rest)
    {
        var http = new HttpClient { BaseAddress = rest };
        http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "sim_api_key:sim_access_token");
        return http;
    }

    private static Dictionary<string, long> ExchangePositions(HttpClient http)
    {
        using var positions = JsonDocument.Parse(http.GetStringAsync(new Uri("portfolio/positions", UriKind.Relative)).GetAwaiter().GetResult());
        return positions.RootElement.GetProperty("data").GetProperty("net").EnumerateArray()
            .Where(p => p.GetProperty("quantity").GetInt64() != 0)
            .ToDictionary(p => $"{p.GetProperty("exchange").GetString()}:{p.GetProperty("tradingsymbol").GetString()}", p => p.GetProperty("quantity").GetInt64());
    }

    private static List<JournalRecord> Records(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return [];
        }

        try
        {
            return [.. JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true })];
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return [];
        }
    }

    private static int Sessions(string folder) => Records(folder).Count(r => r.Type == RecordType.SessionStart);

    private static long InputsOfLastRun(string folder)
    {
        var records = Records(folder);
        var sessions = records.Where(r => r.Type == RecordType.SessionStart).ToList();
        long start = sessions.Count > 0 ? sessions[^1].Sequence : long.MaxValue;
        return records.Count(r => r.Sequence >= start && r.Type == RecordType.Tick);
    }

    /// <summary>The last account-state command in the journal.</summary>
    private static AccountState? RestoredState(string folder)
    {
        var commands = Records(folder).Where(r => r.Type == RecordType.Command && (CommandKind)BitConverter.ToUInt16(r.Payload.Span) == CommandKind.AccountState).ToList();
        return commands.Count > 0 && AccountStateJson.TryRead(commands[^1].Payload.Span[InputRecordCodec.CommandPrefixSize..], out var state, out _) ? state : null;
    }

    private static HashSet<string> PlacedTags(string folder) =>
        Records(folder).Where(r => r.Type == RecordType.OrderRequest)
            .Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence))
            .Where(o => o.Action == OrderAction.Place)
            .Select(o => o.ClientOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet(StringComparer.Ordinal);
}
