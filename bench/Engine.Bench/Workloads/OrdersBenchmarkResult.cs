using System.Text.Json.Serialization;

namespace Engine.Bench.Workloads;

/// <summary>What <c>engine bench orders</c> measured.</summary>
public sealed record OrdersBenchmarkResult
{
    /// <summary>Paced orders measured.</summary>
    [JsonPropertyName("paced_orders")] public int PacedOrders { get; init; }

    /// <summary>From the router's hand-off to the reply back in the ring, median.</summary>
    [JsonPropertyName("handoff_to_answer_p50_ns")] public double HandOffToAnswerP50Ns { get; init; }

    /// <summary>The same, 99th percentile.</summary>
    [JsonPropertyName("handoff_to_answer_p99_ns")] public double HandOffToAnswerP99Ns { get; init; }

    /// <summary>From the router's hand-off to the place request going out (the gateway's queue, its sending thread's wake-up and the request's building), median.</summary>
    [JsonPropertyName("handoff_to_wire_p50_ns")] public double HandOffToWireP50Ns { get; init; }

    /// <summary>The same, 99th percentile.</summary>
    [JsonPropertyName("handoff_to_wire_p99_ns")] public double HandOffToWireP99Ns { get; init; }

    /// <summary>The baseline for the hand-off to the wire, between the same orders: a thread parked on a ring of the same slots and wait as the gateway's, from a publish to its handler, median.</summary>
    [JsonPropertyName("queue_wake_p50_ns")] public double QueueWakeP50Ns { get; init; }

    /// <summary>The same, 99th percentile.</summary>
    [JsonPropertyName("queue_wake_p99_ns")] public double QueueWakeP99Ns { get; init; }

    /// <summary>Hand-off-to-wire median over the queue wake's median (same run).</summary>
    [JsonPropertyName("handoff_to_wire_vs_wake_p50_ratio")] public double HandOffToWireVsWakeP50 { get; init; }

    /// <summary>The place request's HTTP round trip, median.</summary>
    [JsonPropertyName("http_round_trip_p50_ns")] public double HttpRoundTripP50Ns { get; init; }

    /// <summary>The same, 99th percentile.</summary>
    [JsonPropertyName("http_round_trip_p99_ns")] public double HttpRoundTripP99Ns { get; init; }

    /// <summary>The baseline: a plain authenticated GET to the same server, median.</summary>
    [JsonPropertyName("baseline_get_p50_ns")] public double BaselineGetP50Ns { get; init; }

    /// <summary>The baseline, 99th percentile.</summary>
    [JsonPropertyName("baseline_get_p99_ns")] public double BaselineGetP99Ns { get; init; }

    /// <summary>Hand-off-to-answer median over the baseline GET's median (same run).</summary>
    [JsonPropertyName("handoff_vs_get_p50_ratio")] public double HandOffToAnswerVsGetP50 { get; init; }

    /// <summary>Orders sent at once.</summary>
    [JsonPropertyName("burst_orders")] public int BurstOrders { get; init; }

    /// <summary>Of those, accepted.</summary>
    [JsonPropertyName("burst_accepted")] public int BurstAccepted { get; init; }

    /// <summary>Of those, refused with HTTP 429 (not retried).</summary>
    [JsonPropertyName("burst_rate_limited")] public int BurstRateLimited { get; init; }

    /// <summary>The rate above the budget.</summary>
    [JsonPropertyName("over_rate_per_sec")] public double OverRate { get; init; }

    /// <summary>Orders sent at it.</summary>
    [JsonPropertyName("over_orders")] public int OverOrders { get; init; }

    /// <summary>Accepted a second at it.</summary>
    [JsonPropertyName("over_accepted_per_sec")] public double OverAcceptedPerSecond { get; init; }

    /// <summary>Refused with 429 at it.</summary>
    [JsonPropertyName("over_rate_limited")] public int OverRateLimited { get; init; }

    /// <summary>Re-sends after look-ups (0 without faults).</summary>
    [JsonPropertyName("resends")] public long Resends { get; init; }

    /// <summary>Orders in the paper replay.</summary>
    [JsonPropertyName("paper_orders")] public long PaperOrders { get; init; }

    /// <summary>From a tick's publish to its order reaching the paper broker (through strategies, risk, orders, journal-free router), median.</summary>
    [JsonPropertyName("paper_tick_to_order_p50_ns")] public double PaperTickToOrderP50Ns { get; init; }

    /// <summary>The same, 99th percentile.</summary>
    [JsonPropertyName("paper_tick_to_order_p99_ns")] public double PaperTickToOrderP99Ns { get; init; }

    /// <summary>Ticks in the paper replay.</summary>
    [JsonPropertyName("paper_ticks")] public long PaperTicks { get; init; }

    /// <summary>The baseline in the same run: orders when they stop at the router (no paper broker, so no fills come back).</summary>
    [JsonPropertyName("null_gateway_orders")] public long NullGatewayOrders { get; init; }

    /// <summary>The baseline's tick-to-order, median.</summary>
    [JsonPropertyName("null_gateway_tick_to_order_p50_ns")] public double NullGatewayTickToOrderP50Ns { get; init; }

    /// <summary>The baseline's tick-to-order, 99th percentile.</summary>
    [JsonPropertyName("null_gateway_tick_to_order_p99_ns")] public double NullGatewayTickToOrderP99Ns { get; init; }

    /// <summary>Cores.</summary>
    [JsonPropertyName("cores")] public int Cores { get; init; }

    /// <summary>The CPU.</summary>
    [JsonPropertyName("cpu")] public string Cpu { get; init; } = "";
}
