using System.Net;
using System.Net.Sockets;

namespace Engine.Kite.Ticker;

/// <summary>
/// A stream over a socket that stays in blocking mode: every read and write, the asynchronous ones
/// too, is the system call itself on the calling thread, and returns an already completed task.
/// </summary>
/// <remarks>
/// <para>
/// .NET puts a socket into non-blocking mode at its first asynchronous operation, and from then on
/// its readiness comes through the runtime's one epoll thread, which hands each wake-up to another
/// thread. Under a WebSocket on a receive thread of its own, this stream keeps the socket blocking,
/// so the kernel wakes the receive thread itself when a frame arrives: one wake-up per frame, on
/// the core the thread is pinned to, instead of two on whichever cores are free.
/// </para>
/// <para>
/// A blocked read ends when the socket is shut down, which <see cref="Dispose(bool)"/> does first;
/// that is how an aborted WebSocket frees its receive thread.
/// </para>
/// </remarks>
internal sealed class BlockingSocketStream(Socket socket) : Stream
{
    private int _disposed;

    /// <summary>The socket under the stream.</summary>
    internal Socket Socket => socket;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Connects a blocking TCP socket to <paramref name="endpoint"/>. The name is resolved
    /// asynchronously, so a hung resolver still ends at the deadline; cancelling closes the socket,
    /// which ends a connect in progress.
    /// </summary>
    public static async ValueTask<BlockingSocketStream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (cancellationToken.Register(socket.Dispose))
            {
                socket.Connect(addresses, endpoint.Port);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new BlockingSocketStream(socket);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override int Read(Span<byte> buffer) => socket.Receive(buffer, SocketFlags.None);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return new ValueTask<int>(Read(buffer.Span));
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[socket.Send(buffer, SocketFlags.None)..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                // Closing alone does not wake a thread blocked in recv on Linux; shutting down does.
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            socket.Dispose();
        }

        base.Dispose(disposing);
    }
}
