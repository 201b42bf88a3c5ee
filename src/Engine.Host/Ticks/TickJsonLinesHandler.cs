using System.Text.Json;
using Engine.Core.Events;
using Engine.Kite.Ticks;
using Engine.Ring;

namespace Engine.Host.Ticks;

/// <summary>Writes every tick as one JSON line (Kite's field names) and every text frame as received; flushes per batch.</summary>
public sealed class TickJsonLinesHandler(Stream output) : IEventHandler<RingEvent>, IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private long _lines;

    /// <inheritdoc/>
    public string Name => "json-lines";

    /// <summary>Lines written.</summary>
    public long Lines => Volatile.Read(ref _lines);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.Tick)
        {
            TickJson.Write(_json, data.Tick);
            _json.Flush();
            output.WriteByte((byte)'\n');
            _json.Reset();
            _lines++;
        }
        else if (data.Kind is EventKind.OrderUpdate or EventKind.BrokerText)
        {
            output.Write(data.TextBytes);
            output.WriteByte((byte)'\n');
            _lines++;
        }

        if (endOfBatch)
        {
            output.Flush();
        }
    }

    /// <inheritdoc/>
    public void OnShutdown() => output.Flush();

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();
}
