namespace Engine.Journal.Format;

/// <summary>Somewhere output records go: the journal writer live, a scratch buffer in the replay verifier.</summary>
public interface IOutputRecordSink
{
    /// <summary>Room for a payload of exactly <paramref name="length"/> bytes.</summary>
    Span<byte> Begin(int length);

    /// <summary>The payload begun last is complete.</summary>
    void Commit(RecordType type, int length);
}
