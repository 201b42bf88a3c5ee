using Engine.Core.Events;
using Engine.Core.Strategies;
using Engine.Journal.Format;
using Engine.Ring;

namespace Engine.Journal.Writing;

/// <summary>
/// The journal as a ring consumer: every input slot becomes a record (the broker's bytes as they
/// arrived, a timer, an operator command), followed by the decisions the slot carries (intents,
/// verdicts, order requests) when the journaller runs after the decision stages. Records are
/// appended into the writer's buffer; at the end of each batch the batch is made as durable as the
/// mode promises, and at once when a slot carries an order, so an order the router sends right
/// after (on the same thread) is already in the journal. Its sequence therefore means "journaled",
/// which is what the router gates on. When the door stamps stages, each input is followed by
/// its latency record.
/// </summary>
public sealed class RingJournaller : IEventHandler<RingEvent>
{
    private readonly JournalWriter _writer;
    private readonly IntentReasonTable? _reasons;
    private readonly WriterSink _sink;
    private long _inputSequence;
    private long _timestampNs;
    private volatile bool _failed;

    /// <summary>Records inputs only (<paramref name="reasons"/> null), or inputs and the decisions made on them.</summary>
    public RingJournaller(JournalWriter writer, IntentReasonTable? reasons = null)
    {
        _writer = writer;
        _reasons = reasons;
        _sink = new WriterSink(this);
    }

    /// <inheritdoc/>
    public string Name => "journal";

    /// <summary>The writer.</summary>
    public JournalWriter Writer => _writer;

    /// <summary>True once a write failed; the pipeline halts at that event, so nothing after it is acted on.</summary>
    public bool Failed => _failed;

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        try
        {
            var type = InputRecordCodec.TypeOf(data.Kind);
            if (type != RecordType.None)
            {
                int length = InputRecordCodec.PayloadLength(data);
                InputRecordCodec.Write(_writer.BeginRecord(length), data);
                _writer.CommitRecord(type, 1, data.InputSequence, data.ReceiveTimestampNs, length);
            }

            bool hasOrder = false;
            if (_reasons is not null && SlotOutputs.HasOutputs(data))
            {
                _inputSequence = data.InputSequence;
                _timestampNs = data.ReceiveTimestampNs;
                SlotOutputs.Write(data, _reasons, _sink);
                hasOrder = SlotOutputs.HasOrder(data);
            }

            if (endOfBatch || hasOrder)
            {
                _writer.EndOfBatch();
            }

            if (data.Stamped && type != RecordType.None)
            {
                // After the flush an order needs, so the record never delays the order; it goes to
                // disk with the next batch.
                data.Stamps.Journaled = StageStamps.Now();
                LatencyRecordCodec.Write(_writer.BeginRecord(LatencyRecordCodec.Size), data);
                _writer.CommitRecord(RecordType.Latency, RecordVersions.Of(RecordType.Latency), data.InputSequence, data.ReceiveTimestampNs, LatencyRecordCodec.Size);
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <inheritdoc/>
    public void OnTimeout(long sequence) => _writer.EndOfBatch();

    /// <inheritdoc/>
    public void OnShutdown() => _writer.Flush(toDisk: true);

    private sealed class WriterSink(RingJournaller owner) : IOutputRecordSink
    {
        public Span<byte> Begin(int length) => owner._writer.BeginRecord(length);

        public void Commit(RecordType type, int length) => owner._writer.CommitRecord(type, RecordVersions.Of(type), owner._inputSequence, owner._timestampNs, length);
    }
}
