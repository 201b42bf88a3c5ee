using System.Globalization;
using Engine.Core.Time;
using Engine.Host.Backtests;

namespace Engine.Tests.Backtests;

/// <summary>Bar files as a quant has them: the reference quotes (CSV with or without a BOM, daily or minute, with bad and unordered rows) and Kite's historical candles JSON.</summary>
public sealed class BarFileTests
{
    private static readonly TimeOnly Open = new(9, 15);

    [Fact]
    public void MinuteBarsReadWithTheirTimesInIstAndTheirValues()
    {
        var content = BarFile.Read(TestData.PathOf("quotes/intraday.csv"), Open);
        var lines = File.ReadAllLines(TestData.PathOf("quotes/intraday.csv"));
        Assert.Equal(lines.Length - 1, content.Bars.Count);
        Assert.False(content.Daily);
        Assert.Equal(0, content.Skipped);
        // The first and last rows, read again here from the file's text.
        foreach (var (line, bar) in new[] { (lines[1], content.Bars[0]), (lines[^1], content.Bars[^1]) })
        {
            string[] f = line.TrimStart('\uFEFF').Split(',');
            var at = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            Assert.Equal(SessionCalendar.At(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at)), bar.TimeNs);
            Assert.Equal((decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture)), (bar.Open, bar.Close, bar.Volume));
        }
    }

    [Fact]
    public void DailyBarsStartAtTheSessionsOpen()
    {
        var content = BarFile.Read(TestData.PathOf("quotes/default.csv"), Open);
        Assert.True(content.Daily);
        Assert.Equal(502, content.Bars.Count);
        Assert.Equal(SessionCalendar.At(new DateOnly(2017, 1, 3), Open), content.Bars[0].TimeNs);
    }

    [Fact]
    public void RowsWithEmptyFieldsAreSkippedAndCountedAndRowsOutOfOrderAreSorted()
    {
        var bad = BarFile.Read(TestData.PathOf("quotes/bad.csv"), Open);
        Assert.True(bad.Skipped > 0);
        Assert.NotNull(bad.FirstProblem);
        Assert.Equal(File.ReadAllLines(TestData.PathOf("quotes/bad.csv")).Length - 1 - bad.Skipped, bad.Bars.Count);
        Assert.All(bad.Bars, b => Assert.True(b.Low > 0 && b.Low <= b.High));

        var unordered = BarFile.Read(TestData.PathOf("quotes/mismatch.csv"), Open);
        Assert.Equal(unordered.Bars.OrderBy(b => b.TimeNs).Select(b => b.TimeNs), unordered.Bars.Select(b => b.TimeNs));
        Assert.Equal(SessionCalendar.At(new DateOnly(2016, 1, 18), Open), unordered.Bars[0].TimeNs);   // the file's one 2016 row, far down in it
    }

    [Fact]
    public void KitesHistoricalCandlesJsonReadsAsBars()
    {
        string file = Path.Combine(Path.GetTempPath(), $"candles-{Guid.NewGuid():N}.json");
        // Kite's documented response shape: time with an offset written without a colon, OHLC, volume.
        File.WriteAllText(file, """{"status":"success","data":{"candles":[["2017-12-15T09:16:00+0530",1704.5,1705,1699.25,1702.8,2499],["2017-12-15T09:15:00+0530",1705,1705,1703.5,1704,1550]]}}""");
        try
        {
            var content = BarFile.Read(file, Open);
            Assert.Equal(2, content.Bars.Count);
            Assert.Equal(SessionCalendar.At(new DateOnly(2017, 12, 15), new TimeOnly(9, 15)), content.Bars[0].TimeNs);
            Assert.Equal((1704.5m, 1705m, 1699.25m, 1702.8m, 2499L), (content.Bars[1].Open, content.Bars[1].High, content.Bars[1].Low, content.Bars[1].Close, content.Bars[1].Volume));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AFileWithoutThePriceColumnsIsRefusedNamingWhatItFound()
    {
        string file = Path.Combine(Path.GetTempPath(), $"bars-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "when,price\n2020-01-01,1\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => BarFile.Read(file, Open));
            Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
            Assert.Contains("when,price", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
