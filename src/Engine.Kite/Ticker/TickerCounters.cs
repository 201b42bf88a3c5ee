using System.Diagnostics;

namespace Engine.Kite.Ticker;

/// <summary>
/// What the ticker has received, for status lines and the admin endpoint. Written by the receive
/// threads with atomic adds (once per frame, not per tick), read by anyone.
/// </summary>
public sealed class TickerCounters
{
    private long _frames;
    private long _packets;
    private long _bytes;
    private long _heartbeats;
    private long _reconnects;
    private long _damagedFrames;
    private long _unknownPackets;
    private long _latestExchangeTimestamp;
    private long _refusedPackets;
    private long _shardFaults;
    private long _textFrames;
    private long _orderUpdates;
    private long _errorMessages;
    private long _brokerMessages;
    private long _lastFrameTimestamp;

    /// <summary>Binary and text frames received, heartbeats included.</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>Tick packets decoded.</summary>
    public long Packets => Volatile.Read(ref _packets);

    /// <summary>Bytes received.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>One-byte heartbeat frames.</summary>
    public long Heartbeats => Volatile.Read(ref _heartbeats);

    /// <summary>Connections re-established after a drop.</summary>
    public long Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Frames cut short or malformed (their complete packets were still used).</summary>
    public long DamagedFrames => Volatile.Read(ref _damagedFrames);

    /// <summary>Packets of a length Kite does not define, skipped.</summary>
    public long UnknownPackets => Volatile.Read(ref _unknownPackets);

    /// <summary>Packets of a defined length the decoder refused (journaled as undecodable inputs, never acted on).</summary>
    public long RefusedPackets => Volatile.Read(ref _refusedPackets);

    /// <summary>Decode errors of any kind: damaged frames, unknown packets and refused packets.</summary>
    public long DecodeErrors => DamagedFrames + UnknownPackets + RefusedPackets;

    /// <summary>Connection tasks that failed with an unexpected error and were restarted.</summary>
    public long ShardFaults => Volatile.Read(ref _shardFaults);

    /// <summary>Text frames.</summary>
    public long TextFrames => Volatile.Read(ref _textFrames);

    /// <summary>Order updates.</summary>
    public long OrderUpdates => Volatile.Read(ref _orderUpdates);

    /// <summary><c>error</c> text frames.</summary>
    public long ErrorMessages => Volatile.Read(ref _errorMessages);

    /// <summary><c>message</c> text frames.</summary>
    public long BrokerMessages => Volatile.Read(ref _brokerMessages);

    /// <summary>How long since the last frame of any kind; <see cref="TimeSpan.MaxValue"/> before the first.</summary>
    public TimeSpan LastFrameAge
    {
        get
        {
            long last = Volatile.Read(ref _lastFrameTimestamp);
            return last == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(last);
        }
    }

    internal void Frame(int bytes)
    {
        Interlocked.Increment(ref _frames);
        Interlocked.Add(ref _bytes, bytes);
        Volatile.Write(ref _lastFrameTimestamp, Stopwatch.GetTimestamp());
    }

    internal void Heartbeat() => Interlocked.Increment(ref _heartbeats);

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);

    internal void ShardFault() => Interlocked.Increment(ref _shardFaults);

    /// <summary>The latest exchange timestamp any decoded tick carried (Unix seconds; 0 before one, and for modes without it).</summary>
    public long LatestExchangeTimestamp => Volatile.Read(ref _latestExchangeTimestamp);

    internal void Decoded(int packets, int unknown, int refused, bool damaged, long latestExchangeSeconds = 0)
    {
        Interlocked.Add(ref _packets, packets);
        long seen = Volatile.Read(ref _latestExchangeTimestamp);
        while (latestExchangeSeconds > seen)
        {
            long was = Interlocked.CompareExchange(ref _latestExchangeTimestamp, latestExchangeSeconds, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }

        if (unknown > 0)
        {
            Interlocked.Add(ref _unknownPackets, unknown);
        }

        if (refused > 0)
        {
            Interlocked.Add(ref _refusedPackets, refused);
        }

        if (damaged)
        {
            Interlocked.Increment(ref _damagedFrames);
        }
    }

    internal void Text(TextFrameKind kind)
    {
        Interlocked.Increment(ref _textFrames);
        switch (kind)
        {
            case TextFrameKind.Order:
                Interlocked.Increment(ref _orderUpdates);
                break;
            case TextFrameKind.Error:
                Interlocked.Increment(ref _errorMessages);
                break;
            case TextFrameKind.Message:
                Interlocked.Increment(ref _brokerMessages);
                break;
        }
    }
}
