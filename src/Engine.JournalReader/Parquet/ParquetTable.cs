using Parquet;
using Parquet.Schema;

namespace Engine.JournalTool.Parquet;

/// <summary>
/// One exported table: typed columns, written in row groups of <see cref="RowGroupRows"/> rows
/// (large enough for analytics engines to skip and scan well, small enough to stream a month of
/// ticks in bounded memory).
/// </summary>
internal sealed class ParquetTable : IAsyncDisposable
{
    public const int RowGroupRows = 500_000;
    private readonly List<ParquetColumn> _columns = [];
    private readonly string _path;
    private Stream? _stream;
    private ParquetWriter? _writer;
    private int _pending;

    public ParquetTable(string path) => _path = path;

    public long Rows { get; private set; }

    public ValueParquetColumn<T> Column<T>(string name)
        where T : struct
    {
        var column = new ValueParquetColumn<T>(name);
        _columns.Add(column);
        return column;
    }

    public StringParquetColumn Text(string name)
    {
        var column = new StringParquetColumn(name);
        _columns.Add(column);
        return column;
    }

    /// <summary>Counts the row just added to every column; writes a row group when one is full.</summary>
    public async Task EndRowAsync()
    {
        Rows++;
        if (++_pending >= RowGroupRows)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
    {
        if (_pending == 0 && _writer is not null)
        {
            return;
        }

        if (_writer is null)
        {
            _stream = File.Create(_path);
            _writer = await ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(c => c.Field).ToArray()), _stream).ConfigureAwait(false);
        }

        using var group = _writer.CreateRowGroup();
        foreach (var column in _columns)
        {
            await column.FlushAsync(group).ConfigureAwait(false);
        }

        _pending = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
