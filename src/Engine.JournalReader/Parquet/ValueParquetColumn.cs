using Parquet;
using Parquet.Schema;

namespace Engine.JournalTool.Parquet;

/// <summary>A column of <typeparamref name="T"/> values (numbers, times, flags).</summary>
internal sealed class ValueParquetColumn<T>(string name) : ParquetColumn
    where T : struct
{
    private readonly List<T> _values = [];

    public override DataField Field { get; } = new DataField<T>(name);

    public void Add(T value) => _values.Add(value);

    public override async Task FlushAsync(ParquetRowGroupWriter group)
    {
        await group.WriteAsync(Field, new ReadOnlyMemory<T>(_values.ToArray())).ConfigureAwait(false);
        _values.Clear();
    }
}
