using Engine.Core.Instruments;
using Engine.Kite.Instruments;

namespace Engine.Tests.Kite;

public sealed class KiteInstrumentsCsvTests
{
    private const string Header = KiteInstrumentsCsv.Header;

    private static IReadOnlyList<Instrument> Parse(string text) => KiteInstrumentsCsv.Parse(new StringReader(text), "test.csv");

    [Fact]
    public void TheDefaultInstrumentsFileFollowsKitesTokenRule()
    {
        var instruments = KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"));
        Assert.True(instruments.Count >= 50);
        Assert.All(instruments, i => Assert.Equal((i.ExchangeToken * 256) + (uint)i.Segment, i.InstrumentToken));
        var infy = instruments.Single(i => i.TradingSymbol == "INFY");
        Assert.Equal(408065u, infy.InstrumentToken);
        Assert.Equal(5, infy.TickSizeUnits);
        Assert.Equal("NSE:INFY", infy.Key);
        Assert.Contains(instruments, i => i.Segment == ExchangeSegment.Indices && i.TradingSymbol == "NIFTY 50");
    }

    [Fact]
    public void KitesSampleRowParsesAndWritesBackTheSame()
    {
        string text = Header + "\n408065,1594,INFY,INFOSYS,0,,,0.05,1,EQ,NSE,NSE\n12073986,47164,BANKNIFTY24DECFUT,\"BANK, NIFTY\",0,2024-12-26,0,0.2,15,FUT,NFO-FUT,NFO\n";
        var instruments = Parse(text);
        Assert.Equal(2, instruments.Count);
        Assert.Equal(new DateOnly(2024, 12, 26), instruments[1].Expiry);
        Assert.Equal("BANK, NIFTY", instruments[1].Name);
        Assert.Equal(ExchangeSegment.Nfo, instruments[1].Segment);
        var writer = new StringWriter();
        KiteInstrumentsCsv.Write(writer, instruments);
        Assert.Equal(instruments, Parse(writer.ToString()));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("token,symbol\n", "line 1: header is 'token,symbol'")]
    [InlineData(Header + "\n408065,1594,INFY,INFOSYS,0,,,0.05\n", "line 2: 8 columns; expected 12")]
    [InlineData(Header + "\n408065,1594,INFY,INFOSYS,abc,,,0.05,1,EQ,NSE,NSE\n", "line 2, column last_price: 'abc' is not a number")]
    [InlineData(Header + "\n408065,1594,INFY,INFOSYS,0,26-12-2024,,0.05,1,EQ,NSE,NSE\n", "column expiry: '26-12-2024' is not a date")]
    [InlineData(Header + "\n408066,1594,INFY,INFOSYS,0,,,0.05,1,EQ,NSE,NSE\n", "segment code 2 (Nfo) but the segment column says 'NSE'")]
    [InlineData(Header + "\n408065,1594,INFY,INFOSYS,0,,,0.05,1,EQ,NSE,NSE\n\n408065,1594,INFY,INFOSYS,0,,,0.05,1,EQ,NSE,NSE\n", "line 4: instrument_token 408065 already appears on line 2")]
    public void BadFilesNameTheLineColumnAndValue(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse(text));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("test.csv", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<FileNotFoundException>(() => KiteInstrumentsCsv.Load("/nonexistent/instruments.csv"));
        Assert.Contains("'/nonexistent/instruments.csv' does not exist", error.Message);
    }
}
