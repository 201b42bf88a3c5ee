using Parquet;
using Parquet.Schema;

namespace Engine.JournalTool.Parquet;

/// <summary>One typed column of a table being exported, buffered until its row group is written.</summary>
internal abstract class ParquetColumn
{
    public abstract DataField Field { get; }

    public abstract Task FlushAsync(ParquetRowGroupWriter group);
}
