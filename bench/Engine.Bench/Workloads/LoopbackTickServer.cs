using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// A WebSocket server on loopback that sends one-packet Kite frames (an LTP packet whose price is
/// the frame's number) at a steady pace to each client in turn, noting the moment each frame went
/// to the kernel, so a client can time every frame from the server's send to its own hands.
/// </summary>
/// <remarks>
/// The server sleeps between frames (nanosleep, not a spin), so it takes no core from the client
/// being measured; the gap between frames varies with the timer, which does not matter, as every
/// frame is timed from its own send.
/// </remarks>
internal sealed partial class LoopbackTickServer : IDisposable
{
    /// <summary>The instrument token every frame carries.</summary>
    public const uint Token = 408065;

    private const int FrameBytes = 2 + 2 + 8;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int? _core;

    public LoopbackTickServer(int? core)
    {
        _core = core;
        _listener.Start();
    }

    /// <summary>The URL a client connects to.</summary>
    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Reads a frame's number out of its bytes; -1 if the frame is not one of this server's.</summary>
    public static int FrameNumber(ReadOnlySpan<byte> frame) =>
        frame.Length == FrameBytes && BinaryPrimitives.ReadInt16BigEndian(frame) == 1 ? BinaryPrimitives.ReadInt32BigEndian(frame[8..]) : -1;

    /// <summary>
    /// Accepts the next client and sends it <paramref name="frames"/> frames, one every
    /// <paramref name="gapMicroseconds"/> or so; returns each frame's send time (Stopwatch ticks).
    /// <paramref name="warmup"/> frames go first and are not counted.
    /// </summary>
    public Task<long[]> ServeOneAsync(int frames, int warmup, int gapMicroseconds, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<long[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (_core is { } core)
                {
                    CpuAffinity.TryPinCurrentThread(core, out _);
                }

                done.SetResult(Serve(frames, warmup, gapMicroseconds, cancellationToken));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            Name = "tick-server",
            IsBackground = true,
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose() => _listener.Stop();

    private long[] Serve(int frames, int warmup, int gapMicroseconds, CancellationToken cancellationToken)
    {
        using var client = _listener.AcceptSocket();
        client.NoDelay = true;
        using var stream = new NetworkStream(client, ownsSocket: false);
        using var socket = AcceptWebSocket(stream);
        var frame = new byte[FrameBytes];
        var sent = new long[frames];
        for (int i = -warmup; i < frames && !cancellationToken.IsCancellationRequested; i++)
        {
            WriteFrame(frame, i >= 0 ? i : int.MaxValue);
            long now = Stopwatch.GetTimestamp();
            socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken).GetAwaiter().GetResult();
            if (i >= 0)
            {
                sent[i] = now;
            }

            Sleep(gapMicroseconds);
        }

        // Long enough for the last frame to arrive before the client is told to go.
        Thread.Sleep(50);
        return sent;
    }

    /// <summary>Writes frame <paramref name="number"/> into <paramref name="frame"/> (12 bytes): one LTP packet whose price is the number.</summary>
    public static void WriteFrame(Span<byte> frame, int number)
    {
        BinaryPrimitives.WriteInt16BigEndian(frame, 1);
        BinaryPrimitives.WriteInt16BigEndian(frame[2..], 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], Token);
        BinaryPrimitives.WriteInt32BigEndian(frame[8..], number);
    }

    /// <summary>Answers a client's WebSocket handshake on <paramref name="stream"/> (plain or TLS) and returns the server's end.</summary>
    public static WebSocket AcceptWebSocket(Stream stream)
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (stream.Read(one) == 0)
            {
                throw new IOException("the client closed the connection during the handshake");
            }

            request.Append((char)one[0]);
        }

        string key = request.ToString().Split("\r\n")
            .Select(line => line.Split(':', 2))
            .First(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();

        // RFC 6455 section 4.2.2: the accept value is the key and this GUID, hashed and encoded.
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
        stream.Flush();
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
    }

    private static void Sleep(int microseconds)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = usleep((uint)microseconds);
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int usleep(uint microseconds);
}
