using System.Text.Json.Serialization;

namespace Engine.Host.Running;

/// <summary>A point-in-time view of a running engine: for the status line, the admin endpoint and the summary.</summary>
public sealed record EngineStatus
{
    /// <summary>Seconds since the pipeline started.</summary>
    [JsonPropertyName("uptime_seconds")]
    public double UptimeSeconds { get; init; }

    /// <summary>sim, paper or live.</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    /// <summary>The session phase the last timer set.</summary>
    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    /// <summary>The market clock now, IST.</summary>
    [JsonPropertyName("market_time")]
    public required string MarketTime { get; init; }

    /// <summary>Ticks decoded from the ticker.</summary>
    [JsonPropertyName("ticks_received")]
    public long TicksReceived { get; init; }

    /// <summary>Ticks the strategies have seen.</summary>
    [JsonPropertyName("ticks_processed")]
    public long TicksProcessed { get; init; }

    /// <summary>Ticks per second over the last interval.</summary>
    [JsonPropertyName("ticks_per_second")]
    public double TicksPerSecond { get; init; }

    /// <summary>Instruments subscribed.</summary>
    [JsonPropertyName("instruments")]
    public int Instruments { get; init; }

    /// <summary>Signal intents produced.</summary>
    [JsonPropertyName("signals")]
    public long Signals { get; init; }

    /// <summary>Intents the risk gate accepted.</summary>
    [JsonPropertyName("accepted")]
    public long Accepted { get; init; }

    /// <summary>Intents the risk gate rejected.</summary>
    [JsonPropertyName("rejected")]
    public long Rejected { get; init; }

    /// <summary>Orders handed to the gateway.</summary>
    [JsonPropertyName("orders")]
    public long Orders { get; init; }

    /// <summary>Orders not finished yet.</summary>
    [JsonPropertyName("orders_open")]
    public long OrdersOpen { get; init; }

    /// <summary>Orders fully filled.</summary>
    [JsonPropertyName("orders_filled")]
    public long OrdersFilled { get; init; }

    /// <summary>Orders refused by the broker or the exchange.</summary>
    [JsonPropertyName("orders_rejected")]
    public long OrdersRejected { get; init; }

    /// <summary>Events the slowest stage is behind.</summary>
    [JsonPropertyName("ring_lag")]
    public long RingLag { get; init; }

    /// <summary>Journal bytes written by this run.</summary>
    [JsonPropertyName("journal_bytes")]
    public long JournalBytes { get; init; }

    /// <summary>Journal records written by this run.</summary>
    [JsonPropertyName("journal_records")]
    public long JournalRecords { get; init; }

    /// <summary>The journal folder.</summary>
    [JsonPropertyName("journal")]
    public string? Journal { get; init; }

    /// <summary>True while the kill switch is engaged.</summary>
    [JsonPropertyName("kill_switch")]
    public bool KillSwitch { get; init; }

    /// <summary>Ticker connections open.</summary>
    [JsonPropertyName("connections")]
    public int Connections { get; init; }

    /// <summary>Ticker reconnects.</summary>
    [JsonPropertyName("reconnects")]
    public long Reconnects { get; init; }

    /// <summary>Damaged frames and unknown packets.</summary>
    [JsonPropertyName("decode_errors")]
    public long DecodeErrors { get; init; }

    /// <summary>The account and the risk engine: trading state, P&amp;L, positions, distance to every limit.</summary>
    [JsonPropertyName("risk")]
    public RiskStatus? Risk { get; init; }

    /// <summary>The status line.</summary>
    public string ToLine() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{UptimeSeconds,5:F0}s  ticks {TicksPerSecond,7:N0}/s ({TicksProcessed:N0})  instruments {Instruments}  signals {Signals}  orders {Orders} ({OrdersFilled} filled, {OrdersOpen} open, {OrdersRejected} rejected)  risk-rejected {Rejected}  ring lag {RingLag}  journal {JournalBytes / 1e6:F1} MB  {Phase}, market {MarketTime}{(KillSwitch ? "  KILL SWITCH" : "")}{(Connections == 0 ? "  (ticker not connected)" : "")}{(Risk is null ? "" : "  | " + Risk.ToLine())}");
}
