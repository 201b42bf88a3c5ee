using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Journal.Format;
using Engine.Journal.Verification;
using Engine.Journal.Writing;
using Engine.Tests.Journal;

namespace Engine.Tests.Cli;

/// <summary>The auditors' <c>journal</c> tool, run as a process over journals written by the real writer.</summary>
public sealed partial class JournalToolTests
{
    private static readonly long Start = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>Ticks from Kite's published packets, an order update and a signal intent, one second apart.</summary>
    private static void WriteSampleJournal(string folder, long segmentBytes = 64L << 20, bool seal = true)
    {
        var full = TestData.Base64("kite/ticker_full.packet");
        var quote = TestData.Base64("kite/ticker_quote.packet");
        using var writer = JournalWriter.Open(JournalFolder.Options(folder, segmentBytes, seal: seal));
        for (int i = 0; i < 60; i++)
        {
            var packet = i % 2 == 0 ? full : quote;
            var payload = new byte[12 + packet.Length];
            BitConverter.TryWriteBytes(payload, (long)i);
            packet.CopyTo(payload, 12);
            writer.Append(RecordType.Tick, 1, i, Start + (i * 1_000_000_000L), payload);
        }

        var order = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"order\",\"data\":" + File.ReadAllText(TestData.PathOf("kite/postback.json")) + "}");
        writer.Append(RecordType.OrderUpdate, 1, 60, Start + 60_000_000_000L, [.. new byte[12], .. order]);
        // The intent's layout as the schema documents it (docs/journal-format.md), written by hand.
        var intent = new byte[43];
        BitConverter.TryWriteBytes(intent, 408065u);
        intent[4] = 1;
        BitConverter.TryWriteBytes(intent.AsSpan(8), 0.75);
        BitConverter.TryWriteBytes(intent.AsSpan(16), 157370L);
        "ema"u8.CopyTo(intent.AsSpan(40));
        writer.Append(RecordType.SignalIntent, 1, 60, Start + 60_000_000_001L, intent);
    }

    [Fact]
    public void DumpShowsEveryRecordWithBothClocksAndDecodedTicksAndFilters()
    {
        using var folder = new JournalFolder();
        WriteSampleJournal(folder.Path);

        var (exit, text, _) = EngineProcess.RunJournal("dump", folder.Path);
        Assert.Equal(0, exit);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(62, lines.Length);
        Assert.StartsWith("#0 seq=0 2026-11-20T09:15:00.000000000+05:30 (2026-11-20T03:45:00.000000000Z) tick frame=0 conn=0 pkt=0 token=408065 full ltp=1573.7", lines[0]);
        Assert.Contains("bid=1573.4x5 ask=1573.7x172 exch=2021-07-05T10:41:27+05:30", lines[0]);
        Assert.Contains("order_update", lines[60]);
        Assert.Contains("\"order_id\":\"220303000308932\"", lines[60]);
        Assert.Contains("signal_intent {\"instrument_token\":408065,\"side\":1,\"strategy\":0,\"reason_code\":0,\"strength\":0.75,\"price\":157370,\"stop\":0,\"flags\":0,\"intent_index\":0,\"reason\":\"ema\"}", lines[61]);

        var (_, json, _) = EngineProcess.RunJournal("dump", folder.Path, "--format", "json", "--type", "tick", "--from-seq", "10", "--to-seq", "13");
        var records = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([10L, 11, 12, 13], records.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal("2026-11-20T09:15:10.000000000+05:30", records[0].GetProperty("time_ist").GetString());
        Assert.Equal("2026-11-20T03:45:10.000000000Z", records[0].GetProperty("time_utc").GetString());
        Assert.Equal(1573.7m, records[0].GetProperty("fields").GetProperty("packet").GetProperty("last_price").GetDecimal());
        Assert.Equal("quote", records[1].GetProperty("fields").GetProperty("packet").GetProperty("mode").GetString());

        var (_, byTime, _) = EngineProcess.RunJournal("dump", folder.Path, "--from", "09:15:20", "--to", "2026-11-20T09:15:24+05:30", "--format", "csv");
        var csv = byTime.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("record,sequence,type,time_ist,time_utc,segment,offset,instrument_token,fields", csv[0]);
        Assert.Equal(6, csv.Length);   // header + seconds 20..24

        var (_, byToken, _) = EngineProcess.RunJournal("dump", folder.Path, "--token", "779521");
        Assert.Contains("order_update", Assert.Single(byToken.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var (bad, _, error) = EngineProcess.RunJournal("dump", folder.Path, "--type", "ticks");
        Assert.Equal(2, bad);
        Assert.Contains("Unknown record type 'ticks'; known types: tick, order_update", error);
    }

    [Fact]
    public void VerifyPassesHealthyJournalsFailsDamagedOnesAndOnlyWarnsOfATornTail()
    {
        using var folder = new JournalFolder();
        WriteSampleJournal(folder.Path, segmentBytes: 4_000);
        var (ok, output, _) = EngineProcess.RunJournal("verify", folder.Path);
        Assert.Equal(0, ok);
        Assert.Matches("^OK: journal [0-9a-f-]+: \\d+ segments, 62 records \\(order_update 1, signal_intent 1, tick 60\\); CRCs, continuity and hash chain hold", output);

        // Damage inside a sealed segment that is not the last.
        var second = folder.Segments[1].Path;
        var bytes = File.ReadAllBytes(second);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(second, bytes);
        var (failed, report, _) = EngineProcess.RunJournal("verify", folder.Path, "--json");
        Assert.Equal(1, failed);
        using var json = JsonDocument.Parse(report);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("segment").GetUInt64() == 1);

        // A killed writer: the active segment ends inside a record.
        using var torn = new JournalFolder();
        WriteSampleJournal(torn.Path, seal: false);
        var active = torn.ActiveSegmentPath;
        var content = File.ReadAllBytes(active);
        File.WriteAllBytes(active, content[..^7]);
        var (exit, text, _) = EngineProcess.RunJournal("verify", torn.Path);
        Assert.Equal(0, exit);
        Assert.Contains("warning: segment 0, offset", text);
        Assert.Contains("torn tail", text);
        Assert.Contains("61 records", text);
    }

    [Fact]
    public void StatsAndExportGiveCountsRatesSizesAndSpreadsheetColumns()
    {
        using var folder = new JournalFolder();
        WriteSampleJournal(folder.Path);
        var (exit, stats, _) = EngineProcess.RunJournal("stats", folder.Path, "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stats);
        var root = json.RootElement;
        Assert.Equal(62, root.GetProperty("records").GetInt64());
        Assert.Equal(60, root.GetProperty("by_type").GetProperty("tick").GetProperty("records").GetInt64());
        Assert.Equal(60.000000001, root.GetProperty("span_seconds").GetDouble(), 6);
        Assert.True(root.GetProperty("compression_ratio").GetDouble() > 1);

        string csvPath = Path.Combine(folder.Path, "ticks.csv");
        var (code, _, message) = EngineProcess.RunJournal("export", folder.Path, "--type", "tick", "--out", csvPath);
        Assert.Equal(0, code);
        Assert.Contains("exported 60 tick records", message);
        var lines = File.ReadAllLines(csvPath);
        Assert.Equal(61, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal("record", header[0]);
        Assert.Contains("ask5_orders", header);
        var first = lines[1].Split(',');
        Assert.Equal("1573.7", first[Array.IndexOf(header, "last_price")]);
        Assert.Equal("1192471", first[Array.IndexOf(header, "volume")]);
        Assert.Equal("1573.4", first[Array.IndexOf(header, "bid1_price")]);
        Assert.Equal("724", first[Array.IndexOf(header, "ask5_quantity")]);
        Assert.Equal("2021-07-05T10:41:27+05:30", first[Array.IndexOf(header, "exchange_timestamp")]);
    }

    [Fact]
    public void TailFollowsALiveJournalAcrossSegmentRolls()
    {
        using var folder = new JournalFolder();
        using var writer = JournalWriter.Open(JournalFolder.Options(folder.Path, 3_000));
        var packet = TestData.Base64("kite/ticker_full.packet");
        var payload = new byte[12 + packet.Length];
        packet.CopyTo(payload, 12);
        writer.Append(RecordType.Tick, 1, 0, Start, payload);
        writer.EndOfBatch();

        using var tail = EngineProcess.Journal("tail", folder.Path, "-f", "-n", "5", "--interval-ms", "50");
        Engine.Tests.Ring.Await.Until(() => tail.Stdout.Contains("#0 seq=0", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => "the first record");
        for (int i = 1; i <= 40; i++)
        {
            writer.Append(RecordType.Tick, 1, i, Start + i, payload);
            writer.EndOfBatch();
        }

        Assert.True(writer.ActiveSegment >= 2, "the writer should have rolled");
        Engine.Tests.Ring.Await.Until(() => tail.Stdout.Contains("#40 seq=40", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => $"record 40; so far: {tail.Stdout}; stderr: {tail.Stderr}");
        tail.Signal(15);
        Assert.True(tail.WaitForExit(TimeSpan.FromSeconds(20)));
        var numbers = TailNumbers().Matches(tail.Stdout).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(0, 41), numbers);
    }

    [Fact]
    public void AJournalWhoseWriterIsKilledReopensVerifiesAndDumpsEveryCompleteRecord()
    {
        using var sim = EngineProcess.Start("sim", "--port", "0", "--rate", "400", "--duration", "120");
        string url = Regex.Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)), "ws=(\\S+)").Groups[1].Value;
        using var folder = new JournalFolder();
        string journal = Path.Combine(folder.Path, "j");

        using (var ticks = EngineProcess.Start("ticks", "--url", url, "--journal", journal, "--durability", "batch", "--json", "--duration", "120"))
        {
            Engine.Tests.Ring.Await.Until(() => Directory.Exists(journal) && Directory.GetFiles(journal, "*.seg").Any(f => new FileInfo(f).Length > 200_000), TimeSpan.FromSeconds(60), () => "journal data");
            ticks.Kill();   // SIGKILL: no shutdown, no flush, no seal
            ticks.WaitForExit(TimeSpan.FromSeconds(10));
        }

        var (exit, output, _) = EngineProcess.RunJournal("verify", journal);
        Assert.True(exit == 0, output);

        long recordsBefore = JournalVerifier.Verify(journal).Records;
        using (var writer = JournalWriter.Open(JournalFolder.Options(journal, seal: false)))
        {
            Assert.Equal((ulong)recordsBefore, writer.NextRecordNumber);
            Assert.Equal(recordsBefore, writer.Recovery.RecordsKept);
        }

        var after = JournalVerifier.Verify(journal);
        Assert.True(after.Ok);
        Assert.DoesNotContain(after.Warnings, w => w.Message.StartsWith("torn tail", StringComparison.Ordinal));
        Assert.Equal(recordsBefore, after.Records);
        var (dumped, text, _) = EngineProcess.RunJournal("dump", journal, "--format", "json");
        Assert.Equal(0, dumped);
        Assert.Equal(recordsBefore, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LongLength);
    }

    [GeneratedRegex(@"^#(\d+) ", RegexOptions.Multiline)]
    private static partial Regex TailNumbers();
}
