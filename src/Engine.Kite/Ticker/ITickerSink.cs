namespace Engine.Kite.Ticker;

/// <summary>Where a ticker connection delivers what it receives; called on the connection's receive thread.</summary>
public interface ITickerSink
{
    /// <summary>A binary frame of one or more tick packets (heartbeats are not passed on).</summary>
    void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs);

    /// <summary>A text frame: an order update, an error or a broker message, as UTF-8 JSON.</summary>
    void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs);
}
