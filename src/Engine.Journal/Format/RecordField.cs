namespace Engine.Journal.Format;

/// <summary>One field of a record payload: name, type, byte offset, size (-1: the rest of the payload).</summary>
/// <param name="Name">Field name.</param>
/// <param name="Type">i8..i64, u8..u64, f64, bytes, utf8, json.</param>
/// <param name="Offset">Byte offset in the payload.</param>
/// <param name="Size">Bytes; -1 for "to the end of the payload".</param>
/// <param name="Description">What it holds and in which units.</param>
public sealed record RecordField(string Name, string Type, int Offset, int Size, string Description);
