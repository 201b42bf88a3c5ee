namespace Engine.Sim;

/// <summary>How the simulator runs. Same seed, instruments, rate and start time: the same ticks.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The api_key clients must present.</summary>
    public string ApiKey { get; init; } = "sim_api_key";

    /// <summary>The access_token clients must present.</summary>
    public string AccessToken { get; init; } = "sim_access_token";

    /// <summary>The api_secret the session exchange's checksum is computed with.</summary>
    public string ApiSecret { get; init; } = "sim_api_secret";

    /// <summary>The simulated account and the exchange's limits.</summary>
    public Exchange.SimExchangeOptions Exchange { get; init; } = new();

    /// <summary>Seeds every instrument's random walk.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Ticks per second per instrument.</summary>
    public double TicksPerSecond { get; init; } = 10;

    /// <summary>
    /// Market seconds per wall second: at 60, a wall second of ticks covers a market minute (their
    /// exchange timestamps and the walk's volatility follow market time). 1 is real time.
    /// </summary>
    public double MarketSpeed { get; init; } = 1;

    /// <summary>A Kite-format instruments CSV.</summary>
    public string InstrumentsFile { get; init; } = Path.Combine("config", "instruments.csv");

    /// <summary>The market time of the first tick; by default 09:15 IST today, the NSE open.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>A heartbeat is sent to a connection that had nothing else for this long.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many packets go in one frame.</summary>
    public int MaxPacketsPerFrame { get; init; } = 512;

    /// <summary>Ticks the market keeps for connections to catch up on; one that falls further behind is dropped.</summary>
    public int TapeCapacity { get; init; } = 1 << 17;

    /// <summary>Fault: drop every connection after it has sent this many frames.</summary>
    public int? DropAfterFrames { get; init; }

    /// <summary>Fault: drop every connection this long after it opened.</summary>
    public TimeSpan? DropAfter { get; init; }

    /// <summary>Fault: from the start, order requests and updates meet <see cref="Faults.OrderChaos.Standard"/> faults with this seed.</summary>
    public int? OrderChaosSeed { get; init; }

    /// <summary>Record every tick sent, as sent (for tests).</summary>
    public bool RecordSentTicks { get; init; }
}
