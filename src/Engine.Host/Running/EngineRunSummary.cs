using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Host.Running;

/// <summary>How a run ended and what it did: printed for people, and as one JSON object with <c>engine run --json</c>.</summary>
public sealed record EngineRunSummary
{
    /// <summary>Why the run stopped, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>The error behind a failed start-up or a refused credential; null otherwise.</summary>
    public string? Failure { get; init; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>sim, paper or live.</summary>
    public required string Mode { get; init; }

    /// <summary>Wall seconds from start to the end of the stop.</summary>
    public double Seconds { get; init; }

    /// <summary>True when every stage finished what was published.</summary>
    public bool Drained { get; init; }

    /// <summary>True when the journal was opened, and so was flushed, fsynced and sealed at the stop.</summary>
    public bool Sealed { get; init; }

    /// <summary>The journal folder.</summary>
    public required string Journal { get; init; }

    /// <summary>Records this run appended.</summary>
    public long JournalRecords { get; init; }

    /// <summary>Bytes this run wrote to segment files.</summary>
    public long JournalBytes { get; init; }

    /// <summary>The SHA-256 of the last segment sealed (at the stop, the journal's head), as signed into the digest; null if none was sealed.</summary>
    public string? JournalHead { get; init; }

    /// <summary>The segment <see cref="JournalHead"/> is the hash of.</summary>
    public ulong? JournalHeadSegment { get; init; }

    /// <summary>The digest file the heads are signed into.</summary>
    public string? Digest { get; init; }

    /// <summary>The digest's key file.</summary>
    public string? DigestKey { get; init; }

    /// <summary>This run's first input sequence; -1 if the journal never opened.</summary>
    public long FirstInputSequence { get; init; }

    /// <summary>Tick packets decoded from the ticker.</summary>
    public long TicksReceived { get; init; }

    /// <summary>Ticks the strategies saw.</summary>
    public long TicksProcessed { get; init; }

    /// <summary>WebSocket frames received.</summary>
    public long Frames { get; init; }

    /// <summary>Damaged frames, unknown and refused packets.</summary>
    public long DecodeErrors { get; init; }

    /// <summary>Ticker reconnections.</summary>
    public long Reconnects { get; init; }

    /// <summary>Ticker connections that failed unexpectedly and were restarted.</summary>
    public long ShardFaults { get; init; }

    /// <summary>Signal intents.</summary>
    public long Signals { get; init; }

    /// <summary>Intents the risk gate accepted.</summary>
    public long Accepted { get; init; }

    /// <summary>Intents the risk gate rejected.</summary>
    public long Rejected { get; init; }

    /// <summary>Orders the engine sent (its own square-off and flatten orders included).</summary>
    public long Orders { get; init; }

    /// <summary>Orders still open at the stop.</summary>
    public long OrdersOpen { get; init; }

    /// <summary>Orders fully filled.</summary>
    public long OrdersFilled { get; init; }

    /// <summary>Orders cancelled.</summary>
    public long OrdersCancelled { get; init; }

    /// <summary>Orders refused by the broker or the exchange.</summary>
    public long OrdersRejected { get; init; }

    /// <summary>Fills.</summary>
    public long Fills { get; init; }

    /// <summary>Order updates refused as impossible (each journaled).</summary>
    public long IllegalTransitions { get; init; }

    /// <summary>Requests refused with HTTP 429.</summary>
    public long RateLimited { get; init; }

    /// <summary>Requests journaled but not sent because the engine was stopping.</summary>
    public long RequestsNotSent { get; init; }

    /// <summary>Order requests that found the gateway's queue full and waited beyond it, in their turn (the broker was slower than the orders).</summary>
    public long RequestsOverflowed { get; init; }

    /// <summary>Where orders went.</summary>
    public string? Gateway { get; init; }

    /// <summary>The stage that faulted, if one did.</summary>
    public string? FaultStage { get; init; }

    /// <summary>The account and the risk engine at the stop: state, P&amp;L net of charges, positions, limits.</summary>
    public RiskStatus? Risk { get; init; }

    /// <summary>snake_case, compact.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
