using System.Text.Json;
using DuckDB.NET.Data;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Running;

namespace Engine.Tests.Cli;

/// <summary>
/// <c>journal export --format parquet</c> read back by DuckDB: every table's row count is the
/// journal's, a tick's values are what <c>journal dump</c> shows, fills add up to the journal's
/// transitions, and every decision carries the risk gate's verdict.
/// </summary>
public sealed class ParquetExportTests
{
    [Fact]
    public void DuckDbReadsBackTheJournalsTicksOrdersFillsAndDecisions()
    {
        using var config = new TestEngineConfig();
        var (exit, _, stdout, stderr) = EngineProcess.RunUntil(() => EngineRunEndToEndTests.Fills(config.Journal) >= 3, TimeSpan.FromSeconds(120), "run", "--config", config.File);
        Assert.True(exit == 0, stdout + stderr);

        string folder = Path.Combine(config.Folder, "parquet");
        var (exported, _, error) = EngineProcess.RunJournal("export", config.Journal, "--format", "parquet", "--out", folder);
        Assert.True(exported == 0, error);
        Assert.Matches(@"exported [\d,]+ ticks, [\d,]+ orders, [\d,]+ fills, [\d,]+ decisions to ", error);

        var records = JournalReader.Open(config.Journal).Read().ToList();
        long ticks = records.Count(r => r.Type == RecordType.Tick);
        long orders = records.Count(r => r.Type == RecordType.OrderRequest);
        var transitions = records.Where(r => r.Type == RecordType.OrderTransition).Select(r => OutputRecordCodec.ReadTransition(r.Payload.Span)).Where(t => t.FillQuantity > 0 && !t.Illegal).ToList();
        long intents = records.Count(r => r.Type == RecordType.SignalIntent);

        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        Assert.Equal(ticks, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/ticks.parquet'"));
        Assert.Equal(orders, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/orders.parquet'"));
        Assert.Equal(transitions.Count, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/fills.parquet'"));
        Assert.Equal(transitions.Sum(t => t.FillQuantity), Scalar<long>(duck, $"SELECT CAST(sum(fill_quantity) AS BIGINT) FROM '{folder}/fills.parquet'"));
        Assert.Equal(intents, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/decisions.parquet'"));
        Assert.Equal(0, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/decisions.parquet' WHERE verdict NOT IN ('accepted', 'rejected', 'resized')"));
        Assert.Equal(0, Scalar<long>(duck, $"SELECT count(*) FROM '{folder}/fills.parquet' f WHERE NOT EXISTS (SELECT 1 FROM '{folder}/orders.parquet' o WHERE o.client_order_id = f.client_order_id)"));

        // The first tick of a tradable instrument (an index packet has no volume), as journal dump shows it.
        var (_, dump, _) = EngineProcess.RunJournal("dump", config.Journal, "--type", "tick", "--limit", "200", "--format", "json");
        using var first = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line))
            .First(d => d.RootElement.GetProperty("fields").GetProperty("packet").TryGetProperty("volume", out _));
        var packet = first.RootElement.GetProperty("fields").GetProperty("packet");
        long sequence = first.RootElement.GetProperty("sequence").GetInt64();
        using var row = new DuckDBCommand($"SELECT sequence, instrument_token, last_price, volume, time_ist FROM '{folder}/ticks.parquet' WHERE sequence = {sequence}", duck).ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(sequence, row.GetInt64(0));
        Assert.Equal(packet.GetProperty("instrument_token").GetInt64(), row.GetInt64(1));
        Assert.Equal(packet.GetProperty("last_price").GetDouble(), row.GetDouble(2), 9);
        Assert.Equal(packet.GetProperty("volume").GetInt64(), row.GetInt64(3));
        Assert.Equal(first.RootElement.GetProperty("time_ist").GetString(), row.GetString(4));
    }

    private static T Scalar<T>(DuckDBConnection duck, string sql)
    {
        using var command = new DuckDBCommand(sql, duck);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
