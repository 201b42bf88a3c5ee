using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// Orders end to end, engine and simulator as separate processes: under random broker faults and
/// dropped connections every journaled order reaches the exchange at most once (exactly once when
/// the journal says it is there), and at the session's square-off the engine closes its intraday
/// positions by itself. Both journals replay.
/// </summary>
public sealed partial class OrdersEndToEndTests
{
    [GeneratedRegex(@"^listening ws=(ws://127\.0\.0\.1:\d+/) rest=(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex SimListening();

    [Fact]
    public async Task UnderRandomBrokerFaultsAndDroppedConnectionsEveryJournaledOrderIsAtTheExchangeOnceAtMost()
    {
        using var config = new TestEngineConfig();
        using var sim = EngineProcess.Start("sim", "--port", "0", "--config", config.File, "--order-chaos", "11", "--drop-after-seconds", "2", "--duration", "400");
        var listening = SimListening().Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)));
        Assert.True(listening.Success, sim.FirstLine);
        var rest = new Uri(listening.Groups[2].Value);

        using var http = new HttpClient { BaseAddress = rest };
        http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "sim_api_key:sim_access_token");
        long Connections()
        {
            using var status = JsonDocument.Parse(http.GetStringAsync(new Uri("sim/status", UriKind.Relative)).GetAwaiter().GetResult());
            return status.RootElement.GetProperty("accepted").GetInt64();
        }

        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(
            () => Places(config.Journal).Count >= 12 && Replies(config.Journal).Count(r => r.Outcome is ReplyOutcome.Found or ReplyOutcome.Absent) >= 3 && Connections() >= 3,
            TimeSpan.FromSeconds(240), "run", "--config", config.File, "--ticker-url", listening.Groups[1].Value);
        Assert.True(exit == 0, stdout + stderr);
        Assert.True(summary.GetProperty("reconnects").GetInt64() >= 1, stdout);

        var places = Places(config.Journal);
        var replies = Replies(config.Journal);
        using var book = JsonDocument.Parse(await http.GetStringAsync(new Uri("orders", UriKind.Relative)));
        var atExchange = book.RootElement.GetProperty("data").EnumerateArray()
            .Select(o => o.GetProperty("tag").GetString()!)
            .GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count());

        // No order twice, none the engine did not journal, and each the journal says is there, there.
        Assert.All(atExchange, o => Assert.True(o.Value == 1, $"order tag {o.Key} is at the exchange {o.Value} times"));
        Assert.All(atExchange.Keys, tag => Assert.Contains(tag, places.Keys));
        var there = replies.Where(r => r.Action == OrderAction.Place && r.Outcome is ReplyOutcome.Accepted or ReplyOutcome.Found).Select(r => r.ClientOrderId).ToHashSet();
        Assert.All(places.Where(p => there.Contains(p.Value)), p => Assert.True(atExchange.ContainsKey(p.Key), $"the journal says order {p.Value} reached the exchange, but no order carries tag {p.Key}"));
        long notSent = summary.GetProperty("requests_not_sent").GetInt64();
        long refused = replies.Count(r => r.Action == OrderAction.Place && r.Outcome is ReplyOutcome.Rejected or ReplyOutcome.RateLimited);
        Assert.True(atExchange.Count >= places.Count - notSent - refused, $"{places.Count} places journaled, {atExchange.Count} at the exchange, {notSent} not sent at stop, {refused} refused");

        // The faults happened: unanswered places were looked up and found, or found absent and sent again.
        Assert.Contains(replies, r => r.Outcome == ReplyOutcome.NoAnswer);
        Assert.Contains(replies, r => r.Outcome == ReplyOutcome.Found);

        var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
        Assert.True(replayExit == 0, replayOut);
        Assert.Contains("verify: OK", replayOut, StringComparison.Ordinal);
    }

    [Fact]
    public void AtTheSquareOffTimerTheEngineClosesItsIntradayPositionsAndTakesNoNewEntries()
    {
        // 600x from 14:20: square-off fires about 6 s of wall time into the run, the close a
        // second later; from 14:50 a loaded machine's start-up could take the 3 s before
        // square-off and leave no time to trade. A market whose strategies happen to be flat at
        // square-off proves nothing, so another seed is tried.
        foreach (int seed in new[] { 7, 11, 13, 17 })
        {
            using var config = new TestEngineConfig();
            File.WriteAllText(config.File, File.ReadAllText(config.File)
                .Replace("market_start: \"09:15\"", "market_start: \"14:20\"", StringComparison.Ordinal)
                .Replace("seed: 7", $"seed: {seed}", StringComparison.Ordinal));
            var (exit, _, stdout, stderr) = EngineProcess.RunUntil(
                () => SquareOffAt(config.Journal) is not null && TimerAt(config.Journal, TimerKind.Close) is not null && EngineRunEndToEndTests.Positions(config.Journal).Values.All(q => q == 0),
                TimeSpan.FromSeconds(120), "run", "--config", config.File);
            Assert.True(exit == 0, stdout + stderr);
            long squareOff = SquareOffAt(config.Journal)!.Value;
            if (SystemPlacesAfter(config.Journal, squareOff) == 0)
            {
                continue;
            }

            var records = JournalReader.Open(config.Journal).Read().ToList();
            var after = records.Where(r => r.Sequence >= squareOff && r.Type == RecordType.OrderRequest).Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence)).ToList();
            Assert.All(after.Where(o => o.Action == OrderAction.Place), o => Assert.True(OrderIds.IsSystem(o.ClientOrderId), $"order {o.ClientOrderId} is a strategy's entry after square-off"));
            Assert.All(EngineRunEndToEndTests.Positions(config.Journal), p => Assert.Equal(0, p.Value));

            var (replayExit, replayOut, _) = EngineProcess.Run(TimeSpan.FromSeconds(120), "replay", config.Journal, "--verify");
            Assert.True(replayExit == 0, replayOut);
            return;
        }

        Assert.Fail("no seed left a position open at square-off");
    }

    /// <summary>Every place the journal holds, by the tag it carries to the broker.</summary>
    private static Dictionary<string, ulong> Places(string folder) =>
        Read(folder).Where(r => r.Type == RecordType.OrderRequest)
            .Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence))
            .Where(o => o.Action == OrderAction.Place)
            .ToDictionary(o => Tag(o.ClientOrderId), o => o.ClientOrderId);

    private static List<OrderReply> Replies(string folder) =>
        Read(folder).Where(r => r.Type == RecordType.OrderReply).Select(r => InputRecordCodec.ReadReply(r.Payload.Span)).ToList();

    private static long? SquareOffAt(string folder) => TimerAt(folder, TimerKind.SquareOff);

    private static long? TimerAt(string folder, TimerKind kind) =>
        Read(folder).Where(r => r.Type == RecordType.Timer && (TimerKind)r.Payload.Span[0] == kind)
            .Select(r => (long?)r.Sequence).FirstOrDefault();

    private static int SystemPlacesAfter(string folder, long sequence) =>
        Read(folder).Where(r => r.Type == RecordType.OrderRequest && r.Sequence >= sequence)
            .Select(r => OutputRecordCodec.ReadOrder(r.Payload.Span, r.Sequence))
            .Count(o => o.Action == OrderAction.Place && OrderIds.IsSystem(o.ClientOrderId));

    private static string Tag(ulong clientOrderId)
    {
        Span<byte> tag = stackalloc byte[20];
        return Encoding.ASCII.GetString(tag[..OrderIds.FormatTag(clientOrderId, tag)]);
    }

    private static List<JournalRecord> Read(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return [];
        }

        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
