namespace Engine.Journal.Format;

/// <summary>The payload version this build writes for each record type (the schema's), without a lookup per record.</summary>
public static class RecordVersions
{
    /// <summary>The version written for <paramref name="type"/>.</summary>
    public static ushort Of(RecordType type) => type == RecordType.OrderRequest ? (ushort)2 : (ushort)1;
}
