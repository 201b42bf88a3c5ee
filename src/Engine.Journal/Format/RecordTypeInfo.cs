namespace Engine.Journal.Format;

/// <summary>A record type as the schema describes it.</summary>
/// <param name="Type">Its id.</param>
/// <param name="Name">Its name (snake_case, as the reader tool shows it).</param>
/// <param name="Version">Payload layout version.</param>
/// <param name="Direction">Input, output or meta.</param>
/// <param name="Fields">Payload fields, in order.</param>
public sealed record RecordTypeInfo(RecordType Type, string Name, ushort Version, RecordDirection Direction, IReadOnlyList<RecordField> Fields)
{
    /// <summary>Bytes before any variable-length field: the smallest valid payload.</summary>
    public int FixedSize => Fields.Where(f => f.Size >= 0).Select(f => f.Offset + f.Size).DefaultIfEmpty(0).Max();
}
