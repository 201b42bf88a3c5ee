using Engine.Core.Events;
using Engine.Journal.Format;
using Engine.Ring;

namespace Engine.Journal.Writing;

/// <summary>
/// The journal as a ring consumer: every input slot becomes a record (the broker's bytes as they
/// arrived), appended into the writer's buffer; at the end of each batch the batch is made as
/// durable as the mode promises. Its processor's sequence therefore means "journaled", which is
/// what the router gates on.
/// </summary>
public sealed class RingJournaller(JournalWriter writer) : IEventHandler<RingEvent>
{
    /// <inheritdoc/>
    public string Name => "journal";

    /// <summary>The writer.</summary>
    public JournalWriter Writer => writer;

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        var type = InputRecordCodec.TypeOf(data.Kind);
        if (type != RecordType.None)
        {
            int length = InputRecordCodec.PayloadLength(data);
            InputRecordCodec.Write(writer.BeginRecord(length), data);
            writer.CommitRecord(type, 1, data.InputSequence, data.ReceiveTimestampNs, length);
        }

        if (endOfBatch)
        {
            writer.EndOfBatch();
        }
    }

    /// <inheritdoc/>
    public void OnTimeout(long sequence) => writer.EndOfBatch();

    /// <inheritdoc/>
    public void OnShutdown() => writer.Flush(toDisk: true);
}
