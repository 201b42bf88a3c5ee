using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Engine.Kite.Ticker;

namespace Engine.Tests.Kite;

/// <summary>
/// The ticker's socket stream: its asynchronous calls complete inline with the bytes, the socket
/// under it stays in blocking mode in the kernel, and disposing it frees a thread blocked reading.
/// </summary>
public sealed class BlockingSocketStreamTests
{
    private const int NonBlockingFlag = 0x800; // O_NONBLOCK on Linux

    [Fact]
    public async Task AsynchronousReadsAndWritesCompleteInlineAndTheSocketStaysBlocking()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new DnsEndPoint("localhost", ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepting = listener.AcceptSocketAsync();
        using var stream = await BlockingSocketStream.ConnectAsync(endpoint, CancellationToken.None);
        using var peer = await accepting;

        var written = stream.WriteAsync("hello"u8.ToArray());
        Assert.True(written.IsCompletedSuccessfully);
        var buffer = new byte[16];
        int got = 0;
        while (got < 5)
        {
            got += await peer.ReceiveAsync(buffer.AsMemory(got));
        }

        Assert.Equal("hello"u8.ToArray(), buffer[..5]);

        await peer.SendAsync("world!"u8.ToArray());
        var read = stream.ReadAsync(buffer.AsMemory());
        Assert.True(read.IsCompletedSuccessfully, "a read with bytes waiting must complete inline");
        int count = await read;
        Assert.InRange(count, 1, 6);

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(0, OpenFlags(StreamSocketHandle(stream)) & NonBlockingFlag);
        }
    }

    [Fact]
    public async Task DisposingTheStreamEndsAReadBlockedOnAnotherThread()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepting = listener.AcceptSocketAsync();
        var stream = await BlockingSocketStream.ConnectAsync(endpoint, CancellationToken.None);
        using var peer = await accepting;

        var blocked = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new Thread(() =>
        {
            try
            {
                int n = stream.Read(new byte[16]);
                blocked.SetResult(n == 0 ? null : new InvalidOperationException($"read {n} bytes nobody sent"));
            }
            catch (Exception ex)
            {
                blocked.SetResult(ex is SocketException or ObjectDisposedException ? null : ex);
            }
        }) { IsBackground = true };
        reader.Start();

        // Let the reader reach the kernel's recv; whether it has or not, disposing must end it.
        await Task.Delay(200);
        Assert.False(blocked.Task.IsCompleted, "nothing was sent, so the read must still be waiting");
        stream.Dispose();

        var ended = await blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(ended);
    }

    [Fact]
    public async Task ACancelledConnectEndsWithOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        // A listener that never accepts still completes TCP's handshake; the cancelled token must win.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await BlockingSocketStream.ConnectAsync(endpoint, cancelled.Token));
    }

    private static int OpenFlags(int fd)
    {
        // /proc/self/fdinfo/N: "flags:" is the file's open flags in octal.
        foreach (var line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
            }
        }

        throw new InvalidOperationException($"no flags line for fd {fd.ToString(CultureInfo.InvariantCulture)}");
    }

    private static int StreamSocketHandle(BlockingSocketStream stream) => (int)stream.Socket.Handle;
}
