using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.JournalTool.Latency;

/// <summary>
/// Reads a journal's latency records into per-hop histograms: each input's way from the door to
/// the risk gate's verdict and into the journal, and, for orders, from the journal to the
/// gateway, onto the wire and back with the broker's answer, joined to the input that caused
/// them by the answer's cause sequence.
/// </summary>
public sealed class LatencyBreakdown
{
    private readonly Dictionary<long, LatencyStamps> _causes = [];
    private readonly HashSet<long> _ordered = [];

    /// <summary>Creates the empty breakdown.</summary>
    public LatencyBreakdown()
    {
        Decode = new("decode", "door to published: the input decoded into its slot");
        Strategies = new("strategies", "published to the strategies done (with the logic thread's wake-up)");
        Risk = new("risk", "strategies done to the risk gate done");
        Journal = new("journal", "risk gate done to the input's records in the journal");
        InputToDecision = new("input-to-decision", "door to the risk gate done (end to end inside the engine)");
        ToGateway = new("journal-to-gateway", "journaled to the router handing the order to the gateway");
        GatewayQueue = new("gateway-queue", "handed to the gateway to the request on the wire");
        Broker = new("broker-round-trip", "request on the wire to the broker's answer");
        AnswerToRing = new("answer-to-ring", "the answer's arrival to its input claimed in the ring");
        TickToWire = new("input-to-wire", "the causing input at the door to its order on the wire");
        TickToAnswer = new("input-to-answer", "the causing input at the door to the broker's answer");
    }

    /// <summary>Door to published.</summary>
    public LatencyHop Decode { get; }

    /// <summary>Published to the strategies done.</summary>
    public LatencyHop Strategies { get; }

    /// <summary>Strategies done to risk done.</summary>
    public LatencyHop Risk { get; }

    /// <summary>Risk done to journaled.</summary>
    public LatencyHop Journal { get; }

    /// <summary>Door to risk done.</summary>
    public LatencyHop InputToDecision { get; }

    /// <summary>Journaled to handed to the gateway.</summary>
    public LatencyHop ToGateway { get; }

    /// <summary>Handed to on the wire.</summary>
    public LatencyHop GatewayQueue { get; }

    /// <summary>On the wire to answered.</summary>
    public LatencyHop Broker { get; }

    /// <summary>Answered to the answer's input claimed.</summary>
    public LatencyHop AnswerToRing { get; }

    /// <summary>Causing input at the door to on the wire.</summary>
    public LatencyHop TickToWire { get; }

    /// <summary>Causing input at the door to answered.</summary>
    public LatencyHop TickToAnswer { get; }

    /// <summary>Every hop, in the order an input passes them.</summary>
    public IReadOnlyList<LatencyHop> Hops => [Decode, Strategies, Risk, Journal, InputToDecision, ToGateway, GatewayQueue, Broker, AnswerToRing, TickToWire, TickToAnswer];

    /// <summary>Latency records read.</summary>
    public long Records { get; private set; }

    /// <summary>Answers whose causing input had no latency record (an earlier run, or stamping was off then).</summary>
    public long AnswersWithoutCause { get; private set; }

    /// <summary>Takes the next record of the journal, in journal order.</summary>
    public void Add(in JournalRecord record)
    {
        if (record.Type == RecordType.OrderRequest)
        {
            // An input's order requests come before its latency record: keep that record for its answers.
            _ordered.Add(record.Sequence);
            return;
        }

        if (record.Type != RecordType.Latency)
        {
            return;
        }

        var stamps = LatencyRecordCodec.Read(record.Payload.Span);
        Records++;
        Decode.Record(stamps.Received, stamps.Published);
        Strategies.Record(stamps.Published, stamps.Decided);
        Risk.Record(stamps.Decided, stamps.Judged);
        Journal.Record(stamps.Judged, stamps.Journaled);
        InputToDecision.Record(stamps.Received, stamps.Judged);
        if (_ordered.Remove(record.Sequence))
        {
            _causes[record.Sequence] = stamps;
        }

        if (stamps.Handed == 0)
        {
            return;
        }

        GatewayQueue.Record(stamps.Handed, stamps.Sent);
        Broker.Record(stamps.Sent, stamps.Answered);
        AnswerToRing.Record(stamps.Answered, stamps.Received);
        if (_causes.TryGetValue(stamps.CauseSequence, out var cause))
        {
            ToGateway.Record(cause.Journaled, stamps.Handed);
            TickToWire.Record(cause.Received, stamps.Sent);
            TickToAnswer.Record(cause.Received, stamps.Answered);
        }
        else
        {
            AnswersWithoutCause++;
        }
    }
}
