using Engine.Host.Instruments;
using Engine.Kite.Instruments;
using Engine.Kite.Rest;
using Engine.Tests.Cli;
using Engine.Tests.Sim;

namespace Engine.Tests.Instruments;

/// <summary>
/// The instrument master update against the simulator's Kite endpoint: the file written is the
/// broker's list, with a dated copy; a refused download leaves the old file as it was; the command
/// does the same from the configuration alone.
/// </summary>
public sealed class InstrumentMasterTests
{
    private static readonly string Reference = Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv");

    [Fact]
    public async Task TheBrokersListIsWrittenWithADatedCopy()
    {
        await using var simulator = await TestSimulator.StartAsync();
        string folder = Directory.CreateTempSubdirectory("instruments-").FullName;
        try
        {
            using var client = new KiteRestClient(new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token" });
            string path = Path.Combine(folder, "instruments.csv");
            var result = await InstrumentMaster.UpdateAsync(client, path, new DateOnly(2026, 12, 2));

            var expected = KiteInstrumentsCsv.Load(Reference).Select(i => (i.InstrumentToken, i.TradingSymbol, i.LotSize)).Order().ToList();
            Assert.Equal(expected, KiteInstrumentsCsv.Load(path).Select(i => (i.InstrumentToken, i.TradingSymbol, i.LotSize)).Order().ToList());
            Assert.Equal(Path.Combine(folder, "instruments-2026-12-02.csv"), result.DatedCopy);
            Assert.Equal(File.ReadAllText(path), File.ReadAllText(result.DatedCopy));
            Assert.Equal(expected.Count, result.Instruments);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task ARefusedDownloadLeavesTheOldFileAsItWas()
    {
        await using var simulator = await TestSimulator.StartAsync();
        string folder = Directory.CreateTempSubdirectory("instruments-").FullName;
        try
        {
            string path = Path.Combine(folder, "instruments.csv");
            File.Copy(Reference, path);
            using var client = new KiteRestClient(new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "an-expired-token" });
            var error = await Assert.ThrowsAsync<KiteApiException>(() => InstrumentMaster.UpdateAsync(client, path, new DateOnly(2026, 12, 2)));
            Assert.Equal(403, error.Error.HttpStatus);
            Assert.Equal(File.ReadAllBytes(Reference), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void TheCommandUpdatesFromTheSimulatorInSimMode()
    {
        using var config = new Running.TestEngineConfig();
        string path = Path.Combine(config.Folder, "instruments.csv");
        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "instruments", "update", "--config", config.File, "--out", path);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"^instruments: \d+ \(NSE \d+", stdout);
        Assert.Equal(KiteInstrumentsCsv.Load(Reference).Count, KiteInstrumentsCsv.Load(path).Count);
        Assert.Single(Directory.GetFiles(config.Folder, "instruments-*.csv"));
    }
}
