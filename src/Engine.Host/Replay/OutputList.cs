using Engine.Journal.Format;

namespace Engine.Host.Replay;

/// <summary>
/// A reusable list of output records (type and payload bytes): what the journal recorded for one
/// input, or what the replay computed for it. Grows only while warming up; reused after.
/// </summary>
public sealed class OutputList : IOutputRecordSink
{
    private byte[] _bytes = new byte[1024];
    private (RecordType Type, int Offset, int Length)[] _items = new (RecordType, int, int)[48];
    private int _used;
    private int _pendingOffset;

    /// <summary>The ring sequence the list belongs to (-1: none).</summary>
    public long RingSequence { get; set; } = -1;

    /// <summary>Records in the list.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the list for <paramref name="ringSequence"/>.</summary>
    public void Reset(long ringSequence)
    {
        RingSequence = ringSequence;
        Count = 0;
        _used = 0;
    }

    /// <summary>Adds a whole record.</summary>
    public void Add(RecordType type, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(Begin(payload.Length));
        Commit(type, payload.Length);
    }

    /// <inheritdoc/>
    public Span<byte> Begin(int length)
    {
        if (_used + length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + length));
        }

        _pendingOffset = _used;
        return _bytes.AsSpan(_used, length);
    }

    /// <inheritdoc/>
    public void Commit(RecordType type, int length)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = (type, _pendingOffset, length);
        _used = _pendingOffset + length;
    }

    /// <summary>Record <paramref name="index"/>'s type.</summary>
    public RecordType TypeAt(int index) => _items[index].Type;

    /// <summary>Record <paramref name="index"/>'s payload.</summary>
    public ReadOnlySpan<byte> PayloadAt(int index) => _bytes.AsSpan(_items[index].Offset, _items[index].Length);

    /// <summary>True when both lists hold the same records, byte for byte, in the same order.</summary>
    public bool SameAs(OutputList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Count != other.Count)
        {
            return false;
        }

        for (int i = 0; i < Count; i++)
        {
            if (TypeAt(i) != other.TypeAt(i) || !PayloadAt(i).SequenceEqual(other.PayloadAt(i)))
            {
                return false;
            }
        }

        return true;
    }
}
