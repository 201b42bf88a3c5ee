using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Microsoft.Extensions.Logging;

namespace Engine.Sim.Ticker;

/// <summary>
/// One client's ticker connection: honours subscribe, unsubscribe and mode messages, and streams
/// the tape's ticks for the subscribed instruments in each one's mode, many packets per frame,
/// with a one-byte heartbeat when there is nothing to send.
/// </summary>
internal sealed partial class TickerSession : IDisposable
{
    private readonly WebSocket _socket;
    private readonly MarketTape _tape;
    private readonly SimulatorOptions _options;
    private readonly SimulatorFaults _faults;
    private readonly Action<int, Tick>? _recordSent;
    private readonly ILogger _logger;
    private readonly byte[] _modes;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _texts = new();

    public TickerSession(int id, WebSocket socket, MarketTape tape, SimulatorOptions options, SimulatorFaults faults, Action<int, Tick>? recordSent, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _tape = tape;
        _options = options;
        _faults = faults;
        _recordSent = recordSent;
        _logger = logger;
        _modes = new byte[tape.Models.Count];
    }

    public int Id { get; }

    public long TicksSent { get; private set; }

    public long FramesSent { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveAsync(stop.Token);
        try
        {
            await SendAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away or the simulator is stopping.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }

        }
    }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Queues a text frame (an order update) to go out before the next ticks.</summary>
    public void EnqueueText(byte[] frame) => _texts.Enqueue(frame);

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        int maxPackets = Math.Clamp(_options.MaxPacketsPerFrame, 1, ushort.MaxValue);
        var frame = new byte[2 + (maxPackets * (2 + TickPacket.MaxLength))];
        long position = _tape.Cursor + 1;
        long dropGeneration = _faults.DropGeneration;
        long malformedGeneration = _faults.MalformedGeneration;
        var opened = Stopwatch.StartNew();
        var sinceSend = Stopwatch.StartNew();
        int instruments = _tape.Models.Count;

        while (!cancellationToken.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            if (_faults.DropGeneration != dropGeneration
                || (_options.DropAfterFrames is { } frames && FramesSent >= frames)
                || (_options.DropAfter is { } after && opened.Elapsed >= after))
            {
                Log.Dropping(_logger, Id, FramesSent);
                _socket.Abort();
                return;
            }

            if (_faults.IsSilent)
            {
                position = _tape.Cursor + 1;
                sinceSend.Restart();
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_faults.MalformedGeneration != malformedGeneration)
            {
                malformedGeneration = _faults.MalformedGeneration;
                await SendFrameAsync(MalformedFrame(), WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
                FramesSent++;
                continue;
            }

            while (_texts.TryDequeue(out var text))
            {
                await SendFrameAsync(text, WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
                FramesSent++;
                sinceSend.Restart();
            }

            long cursor = _tape.Cursor;
            if (cursor - position >= _tape.Capacity - 2048)
            {
                Log.Lapped(_logger, Id, cursor - position);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "client too slow: fell a whole tape behind", cancellationToken).ConfigureAwait(false);
                return;
            }

            int count = 0;
            int offset = 2;
            while (position <= cursor && count < maxPackets)
            {
                long sequence = position++;
                int index = (int)(sequence % instruments);
                var mode = (TickMode)Volatile.Read(ref _modes[index]);
                if (mode == 0)
                {
                    continue;
                }

                if (!_tape.TryRead(sequence, out var tick))
                {
                    position = cursor + 1;
                    break;
                }

                tick.Mode = mode;
                int length = TickEncoder.EncodePacket(tick, frame.AsSpan(offset + 2));
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)length);
                offset += 2 + length;
                count++;
                _recordSent?.Invoke(Id, TickProjection.Project(tick, mode));
            }

            if (count > 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)count);
                await SendFrameAsync(frame.AsMemory(0, offset), WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
                TicksSent += count;
                FramesSent++;
                sinceSend.Restart();
            }
            else if (sinceSend.Elapsed >= _options.HeartbeatInterval)
            {
                await SendFrameAsync(new byte[] { 0 }, WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
                FramesSent++;
                sinceSend.Restart();
            }
            else if (position > cursor)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Declares three packets, carries one whole LTP packet, then cuts the second short.
    private static byte[] MalformedFrame() => [0, 3, 0, 8, 0, 0x0d, 0x80, 0x01, 0, 0, 0x99, 0x7f, 0, 44, 1, 2, 3];

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int length = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            length += result.Count;
            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType == WebSocketMessageType.Text)
            {
                string? error = Apply(buffer.AsSpan(0, length));
                if (error is not null)
                {
                    var reply = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "error", data = error }));
                    await SendFrameAsync(reply, WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
                }
            }

            length = 0;
        }
    }

    /// <summary>Applies one client message; returns an error text for the client, or null.</summary>
    private string? Apply(ReadOnlySpan<byte> message)
    {
        try
        {
            using var json = JsonDocument.Parse(message.ToArray());
            var root = json.RootElement;
            if (!root.TryGetProperty("a", out var action) || !root.TryGetProperty("v", out var value))
            {
                return "message needs \"a\" and \"v\"";
            }

            switch (action.GetString())
            {
                case "subscribe":
                    return SetModes(value, subscribing: true, TickMode.Quote);
                case "unsubscribe":
                    return SetModes(value, subscribing: false, 0);
                case "mode":
                    if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
                    {
                        return "mode needs [mode, [tokens]]";
                    }

                    var mode = TickerMessages.ParseMode(value[0].GetString() ?? "");
                    return SetModes(value[1], subscribing: true, mode, overwrite: true);
                default:
                    return $"unknown action '{action.GetString()}'";
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return $"invalid message: {ex.Message}";
        }
    }

    private string? SetModes(JsonElement tokens, bool subscribing, TickMode mode, bool overwrite = false)
    {
        if (tokens.ValueKind != JsonValueKind.Array)
        {
            return "tokens must be an array";
        }

        var unknown = new List<uint>();
        foreach (var element in tokens.EnumerateArray())
        {
            uint token = element.GetUInt32();
            if (!_tape.Index.TryGetValue(token, out int index))
            {
                unknown.Add(token);
                continue;
            }

            if (!subscribing)
            {
                Volatile.Write(ref _modes[index], 0);
            }
            else if (overwrite || Volatile.Read(ref _modes[index]) == 0)
            {
                Volatile.Write(ref _modes[index], (byte)mode);
            }
        }

        return unknown.Count == 0 ? null : $"unknown instrument tokens: {string.Join(",", unknown)}";
    }

    private async Task SendFrameAsync(ReadOnlyMemory<byte> frame, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, type, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "sim: dropping ticker connection {Connection} after {Frames} frames (fault)")]
        public static partial void Dropping(ILogger logger, int connection, long frames);

        [LoggerMessage(Level = LogLevel.Warning, Message = "sim: ticker connection {Connection} is {Behind} ticks behind the market; closing it")]
        public static partial void Lapped(ILogger logger, int connection, long behind);
    }
}
