using System.Net.WebSockets;
using Engine.Core.Market;
using Engine.Core.Time;
using Engine.Ring;
using Microsoft.Extensions.Logging;

namespace Engine.Kite.Ticker;

/// <summary>
/// Kite's market data and order update stream: up to <see cref="KiteTickerOptions.MaxConnections"/>
/// WebSocket connections of up to <see cref="KiteTickerOptions.MaxInstrumentsPerConnection"/>
/// instruments each. Every connection keeps its own token-to-mode map and replays it after each
/// reconnect; silence means a dead connection; a refused handshake stops everything with a clear
/// error instead of retrying forever.
/// </summary>
public sealed partial class KiteTicker : IAsyncDisposable
{
    private readonly KiteTickerOptions _options;
    private readonly ITickerSink _sink;
    private readonly ILogger _logger;
    private readonly List<TickerConnection> _connections = [];
    private readonly object _subscriptionLock = new();
    private readonly HttpMessageInvoker _connector;
    private long _frameId;

    /// <summary>Creates the ticker; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="sink">Receives every frame.</param>
    /// <param name="logger">Connection events.</param>
    /// <param name="counters">Shared with the sink, so one object counts frames and decoded packets.</param>
    public KiteTicker(KiteTickerOptions options, ITickerSink sink, ILogger logger, TickerCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connector = BlockingSocketConnector(options);
        _sink = sink;
        _logger = logger;
        Counters = counters ?? new TickerCounters();
    }

    /// <summary>What has been received so far.</summary>
    public TickerCounters Counters { get; }

    /// <summary>Connections in use (one per started shard of instruments).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_subscriptionLock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>How many connections are open now.</summary>
    public int ConnectedCount
    {
        get
        {
            lock (_subscriptionLock)
            {
                return _connections.Count(c => c.IsConnected);
            }
        }
    }

    /// <summary>Drops every open connection; each reconnects (and resubscribes) as after any drop.</summary>
    public void Reconnect()
    {
        lock (_subscriptionLock)
        {
            foreach (var connection in _connections)
            {
                connection.Abort();
            }
        }
    }

    /// <summary>Every subscribed token and its mode.</summary>
    public IReadOnlyDictionary<uint, TickMode> Subscriptions
    {
        get
        {
            lock (_subscriptionLock)
            {
                return _connections.SelectMany(c => c.Modes).ToDictionary(p => p.Key, p => p.Value);
            }
        }
    }

    /// <summary>
    /// Subscribes <paramref name="tokens"/> in <paramref name="mode"/> (an explicit mode always
    /// follows the subscribe, since clients disagree on the default). Tokens already subscribed
    /// change mode. Throws when the instruments would exceed Kite's connection limits.
    /// </summary>
    public void Subscribe(IEnumerable<uint> tokens, TickMode mode)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var byConnection = new Dictionary<TickerConnection, List<uint>>();
        lock (_subscriptionLock)
        {
            var pending = tokens.Distinct().ToList();
            int fresh = pending.Count(t => _connections.All(c => !c.Modes.ContainsKey(t)));
            int room = (_options.MaxConnections * _options.MaxInstrumentsPerConnection) - _connections.Sum(c => c.Modes.Count);
            if (fresh > room)
            {
                throw new InvalidOperationException(
                    $"Subscribing {fresh} more instruments would exceed Kite's limit of {_options.MaxConnections} connections x {_options.MaxInstrumentsPerConnection} instruments ({room} slots left).");
            }

            foreach (uint token in pending)
            {
                var owner = _connections.FirstOrDefault(c => c.Modes.ContainsKey(token))
                    ?? _connections.FirstOrDefault(c => c.Modes.Count < _options.MaxInstrumentsPerConnection)
                    ?? AddConnection();
                owner.Modes[token] = mode;
                if (!byConnection.TryGetValue(owner, out var list))
                {
                    byConnection[owner] = list = [];
                }

                list.Add(token);
            }
        }

        foreach (var (connection, list) in byConnection)
        {
            connection.SendWhenConnected(TickerMessages.Subscribe(list), TickerMessages.Mode(mode, list));
        }
    }

    /// <summary>Unsubscribes <paramref name="tokens"/>.</summary>
    public void Unsubscribe(IEnumerable<uint> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var byConnection = new Dictionary<TickerConnection, List<uint>>();
        lock (_subscriptionLock)
        {
            foreach (uint token in tokens.Distinct())
            {
                var owner = _connections.FirstOrDefault(c => c.Modes.Remove(token));
                if (owner is not null)
                {
                    if (!byConnection.TryGetValue(owner, out var list))
                    {
                        byConnection[owner] = list = [];
                    }

                    list.Add(token);
                }
            }
        }

        foreach (var (connection, list) in byConnection)
        {
            connection.SendWhenConnected(TickerMessages.Unsubscribe(list));
        }
    }

    /// <summary>
    /// Runs every connection until <paramref name="cancellationToken"/> fires, supervising each: a
    /// connection that fails with anything but a refused handshake (a sink that throws, a bug) is
    /// logged with its error, counted in <see cref="TickerCounters.ShardFaults"/> and restarted
    /// after its backoff, while the other connections keep streaming. Throws
    /// <see cref="TickerRejectedException"/> if Kite refuses the credentials.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new Dictionary<TickerConnection, Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                lock (_subscriptionLock)
                {
                    foreach (var connection in _connections.Where(c => !running.ContainsKey(c)))
                    {
                        running[connection] = connection.RunAsync(stop.Token);
                    }
                }

                await Task.WhenAny(running.Values.Append(Task.Delay(250, stop.Token))).ConfigureAwait(false);
                foreach (var (connection, task) in running.Where(p => p.Value.IsCompleted).ToArray())
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    if (task.Exception?.InnerException is TickerRejectedException rejected)
                    {
                        throw rejected;
                    }

                    // Anything else is a fault of this connection alone: say so, and start it again.
                    var delay = connection.NextBackoff();
                    Counters.ShardFault();
                    Log.ShardFailed(_logger, connection.Index, delay.TotalSeconds, task.Exception?.InnerException);
                    running[connection] = connection.RestartAsync(delay, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in running.Values)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TickerRejectedException)
                {
                    // Shutting down: the first rejection has already been thrown.
                }
                catch (Exception ex)
                {
                    // A connection that failed while everything was stopping: still worth a line.
                    Log.ShardFailedStopping(_logger, ex);
                }
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_subscriptionLock)
        {
            foreach (var connection in _connections)
            {
                connection.Abort();
                connection.Dispose();
            }
        }

        _connector.Dispose();

        return ValueTask.CompletedTask;
    }

    private TickerConnection AddConnection()
    {
        var connection = new TickerConnection(this, _connections.Count);
        _connections.Add(connection);
        return connection;
    }

    private long NextFrameId() => Interlocked.Increment(ref _frameId);

    // Every connection's socket stays in blocking mode for its receive thread; the handshake (and
    // TLS for wss) runs over the same stream, each call completing inline.
    private static HttpMessageInvoker BlockingSocketConnector(KiteTickerOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) => await BlockingSocketStream.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false),
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        if (options.CertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }

        return new HttpMessageInvoker(handler);
    }

    /// <summary>One WebSocket connection and the instruments assigned to it.</summary>
    private sealed class TickerConnection(KiteTicker owner, int index) : IDisposable
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly ReconnectBackoff _backoff = new(owner._options.InitialBackoff, owner._options.MaxBackoff);
        private byte[] _buffer = new byte[owner._options.ReceiveBufferSize];
        private volatile ClientWebSocket? _socket;
        private bool _everConnected;

        public Dictionary<uint, TickMode> Modes { get; } = [];

        public int Index => index;

        public TimeSpan NextBackoff() => _backoff.Next();

        public async Task RestartAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }

        public bool IsConnected => _socket is { State: WebSocketState.Open };

        public void Abort() => _socket?.Abort();

        public void Dispose() => _sendLock.Dispose();

        public void SendWhenConnected(params string[] messages)
        {
            var socket = _socket;
            if (socket is null)
            {
                return; // sent with the whole map on (re)connect
            }

            _ = SendAsync(socket, messages, CancellationToken.None);
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("X-Kite-Version", "3");
                socket.Options.CollectHttpResponseDetails = true;
                socket.Options.KeepAliveInterval = TimeSpan.Zero;
                var uri = BuildUri();
                try
                {
                    using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        connectTimeout.CancelAfter(owner._options.ConnectTimeout);
                        await socket.ConnectAsync(uri, owner._connector, connectTimeout.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    int status = (int)socket.HttpStatusCode;
                    socket.Dispose();
                    if (status is 401 or 403)
                    {
                        string message = $"Kite refused the ticker connection to {owner._options.Url} (HTTP {status}): the api_key or access_token is wrong or expired (access tokens expire at 06:00 IST). Not retrying; log in again.";
                        Log.Rejected(owner._logger, index, status);
                        throw new TickerRejectedException(message, status, ex);
                    }

                    var delay = _backoff.Next();
                    Log.ConnectFailed(owner._logger, index, owner._options.Url, ex.Message, delay.TotalSeconds, _backoff.Attempt);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_everConnected)
                {
                    owner.Counters.Reconnect();
                }

                _everConnected = true;
                _socket = socket;
                Log.Connected(owner._logger, index, owner._options.Url, Modes.Count);
                string reason;
                try
                {
                    await SendAsync(socket, ResubscribeMessages(), cancellationToken).ConfigureAwait(false);
                    reason = await ReceiveUntilClosedAsync(socket, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    reason = socket.State == WebSocketState.Aborted && _silenced ? $"no data for {owner._options.SilenceTimeout.TotalSeconds:0.#} s" : ex.Message;
                }
                finally
                {
                    _socket = null;
                    socket.Dispose();
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                var wait = _backoff.Next();
                Log.Disconnected(owner._logger, index, reason, wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private volatile bool _silenced;

        private long _lastFrame;

        private async Task<string> ReceiveUntilClosedAsync(ClientWebSocket socket, CancellationToken cancellationToken)
        {
            _silenced = false;
            Volatile.Write(ref _lastFrame, Environment.TickCount64);
            using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watchdog = WatchSilenceAsync(socket, () => Volatile.Read(ref _lastFrame), watchdogStop.Token);
            try
            {
                return await ReceiveOnThreadOfItsOwn(socket, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await watchdogStop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await watchdog.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        // The frames are read, decoded and published on a thread that does nothing else, blocked in
        // the kernel's recv between frames (see BlockingSocketStream), so it can be placed like the
        // pipeline's own threads, and no thread pool hop sits between the wire and the ring.
        private Task<string> ReceiveOnThreadOfItsOwn(ClientWebSocket socket, CancellationToken cancellationToken)
        {
            var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                if (owner._options.ReceiveCore is { } core)
                {
                    if (CpuAffinity.TryPinCurrentThread(core, out string? reason))
                    {
                        Log.Pinned(owner._logger, index, core);
                    }
                    else
                    {
                        Log.NotPinned(owner._logger, index, core, reason ?? "");
                    }
                }

                try
                {
                    ended.SetResult(ReceiveUntilClosed(socket, cancellationToken));
                }
                catch (Exception ex)
                {
                    ended.SetException(ex);
                }
            })
            {
                Name = $"ticker-{index}",
                IsBackground = true,
            };
            thread.Start();
            return ended.Task;
        }

        private string ReceiveUntilClosed(ClientWebSocket socket, CancellationToken cancellationToken)
        {
            int length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                // Completes inline: the stream under the socket reads in this thread's recv call.
                var pending = socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
                var result = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Volatile.Write(ref _lastFrame, Environment.TickCount64);
                Deliver(result.MessageType, _buffer.AsSpan(0, length));
                length = 0;
            }
        }

        private void Deliver(WebSocketMessageType type, ReadOnlySpan<byte> frame)
        {
            long receivedNs = UnixTime.NowNanoseconds();
            owner.Counters.Frame(frame.Length);
            if (type == WebSocketMessageType.Binary)
            {
                if (frame.Length == 1)
                {
                    // A heartbeat: liveness only.
                    owner.Counters.Heartbeat();
                    return;
                }

                if (frame.Length > 1)
                {
                    _backoff.Reset();
                }

                owner._sink.OnBinaryFrame(frame, index, owner.NextFrameId(), receivedNs);
            }
            else
            {
                owner._sink.OnTextFrame(frame, index, owner.NextFrameId(), receivedNs);
            }
        }

        private async Task WatchSilenceAsync(ClientWebSocket socket, Func<long> lastFrame, CancellationToken cancellationToken)
        {
            var limit = (long)owner._options.SilenceTimeout.TotalMilliseconds;
            var period = TimeSpan.FromMilliseconds(Math.Clamp(limit / 5, 10, 1000));
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, cancellationToken).ConfigureAwait(false);
                if (Environment.TickCount64 - lastFrame() > limit)
                {
                    Log.Silent(owner._logger, index, owner._options.SilenceTimeout.TotalSeconds);
                    _silenced = true;
                    socket.Abort();
                    return;
                }
            }
        }

        private string[] ResubscribeMessages()
        {
            lock (owner._subscriptionLock)
            {
                var messages = new List<string>();
                if (Modes.Count > 0)
                {
                    messages.Add(TickerMessages.Subscribe(Modes.Keys));
                    foreach (var group in Modes.GroupBy(p => p.Value))
                    {
                        messages.Add(TickerMessages.Mode(group.Key, group.Select(p => p.Key)));
                    }
                }

                return [.. messages];
            }
        }

        private async Task SendAsync(ClientWebSocket socket, string[] messages, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var message in messages)
                {
                    if (socket.State != WebSocketState.Open)
                    {
                        return;
                    }

                    await socket.SendAsync(TickerMessages.Utf8(message), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The connection dropped mid-send; the whole map is sent again on reconnect.
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private Uri BuildUri()
        {
            var builder = new UriBuilder(owner._options.Url);
            string query = $"api_key={Uri.EscapeDataString(owner._options.ApiKey)}&access_token={Uri.EscapeDataString(owner._options.AccessToken)}";
            builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
            return builder.Uri;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "ticker connection {Connection}: connected to {Url}, subscribing {Instruments} instruments")]
        public static partial void Connected(ILogger logger, int connection, Uri url, int instruments);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: could not connect to {Url}: {Reason}; retrying in {Seconds:0.0} s (attempt {Attempt})")]
        public static partial void ConnectFailed(ILogger logger, int connection, Uri url, string reason, double seconds, int attempt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: disconnected ({Reason}); reconnecting in {Seconds:0.0} s")]
        public static partial void Disconnected(ILogger logger, int connection, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: no frame for {Seconds} s; treating the connection as dead")]
        public static partial void Silent(ILogger logger, int connection, double seconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "ticker connection {Connection} failed unexpectedly; restarting it in {Seconds:0.0} s while the other connections keep streaming")]
        public static partial void ShardFailed(ILogger logger, int connection, double seconds, Exception? error);

        [LoggerMessage(Level = LogLevel.Error, Message = "a ticker connection failed while the ticker was stopping")]
        public static partial void ShardFailedStopping(ILogger logger, Exception error);

        [LoggerMessage(Level = LogLevel.Information, Message = "ticker connection {Connection}: receive thread pinned to core {Core}")]
        public static partial void Pinned(ILogger logger, int connection, int core);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: receive thread not pinned to core {Core}: {Reason}; it runs where the scheduler puts it")]
        public static partial void NotPinned(ILogger logger, int connection, int core, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "ticker connection {Connection}: handshake refused with HTTP {Status}; not retrying")]
        public static partial void Rejected(ILogger logger, int connection, int status);
    }
}
