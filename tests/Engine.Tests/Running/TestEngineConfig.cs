namespace Engine.Tests.Running;

/// <summary>
/// A temporary folder holding an engine configuration for tests: the repository's instruments and
/// calendar, the simulator at 600x (ten one-minute bars per wall second) and two fast strategies,
/// so a run of a few seconds makes decisions.
/// </summary>
internal sealed class TestEngineConfig : IDisposable
{
    public TestEngineConfig(string? strategies = null, string? extra = null, int fastPeriods = 2)
    {
        Folder = Directory.CreateTempSubdirectory("engine-config-").FullName;
        File = Path.Combine(Folder, "engine.yaml");
        Write(File, strategies ?? Strategies(fastPeriods), extra);
    }

    public string Folder { get; }

    public string File { get; }

    public string Journal => Path.Combine(Folder, "journal");

    /// <summary>Another configuration file in the same folder, with the trend strategy's fast period changed.</summary>
    public string WriteVariant(string name, int fastPeriods)
    {
        string path = Path.Combine(Folder, name);
        Write(path, Strategies(fastPeriods), null);
        return path;
    }

    public static string Strategies(int fastPeriods) => $"""
        strategies:
          instances:
            - name: fast-trend
              strategy: ema-crossover
              universe: [INFY, TCS, RELIANCE, SBIN, ITC]
              parameters: {"{"} fast_periods: {fastPeriods}, slow_periods: 5, bar_period: 1m, atr_periods: 3, stop_atr: 2 {"}"}
            - name: fast-rsi
              strategy: rsi-mean-reversion
              universe: [HDFCBANK, ICICIBANK, AXISBANK, KOTAKBANK]
              parameters: {"{"} periods: 3, oversold: 40, overbought: 60, bar_period: 1m, atr_periods: 3, stop_atr: 1.5 {"}"}
        """;

    private static void Write(string path, string strategies, string? extra)
    {
        string root = TestData.RepositoryRoot;
        System.IO.File.WriteAllText(path, $"""
            mode: sim
            instruments: {root}/config/instruments.csv
            session_calendar: {root}/config/session-calendar.yaml
            subscription:
              mode: full
              instruments: [NIFTY 50]
            simulator:
              seed: 7
              ticks_per_second: 25
              speed: 600
              market_start: "09:15"
            journal:
              folder: journal
              durability: batch
            pipeline:
              ring_size: 1024
            logging:
              level: information
            {extra ?? ""}
            {strategies}
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
