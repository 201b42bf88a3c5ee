using Parquet;
using Parquet.Schema;

namespace Engine.JournalTool.Parquet;

/// <summary>A column of text.</summary>
internal sealed class StringParquetColumn(string name) : ParquetColumn
{
    private readonly List<string> _values = [];

    public override DataField Field { get; } = new DataField<string>(name);

    public void Add(string value) => _values.Add(value);

    public override async Task FlushAsync(ParquetRowGroupWriter group)
    {
        await group.WriteAsync(Field, _values).ConfigureAwait(false);
        _values.Clear();
    }
}
