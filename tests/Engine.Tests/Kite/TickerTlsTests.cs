using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Engine.Bench.Workloads;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Kite;

/// <summary>
/// Kite's ticker is <c>wss://</c>: over TLS the ticker's blocking socket carries the handshake and
/// every frame, which reach the sink whole, in order, on the connection's own receive thread; a
/// certificate the client does not trust is refused.
/// </summary>
public sealed class TickerTlsTests
{
    [Fact]
    public async Task FramesOverTlsArriveInOrderOnTheReceiveThread()
    {
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptSocketAsync();
            await using var ssl = new SslStream(new NetworkStream(client, ownsSocket: true));
            await ssl.AuthenticateAsServerAsync(certificate);
            using var socket = LoopbackTickServer.AcceptWebSocket(ssl);
            var frame = new byte[12];
            for (int i = 0; i < 50; i++)
            {
                LoopbackTickServer.WriteFrame(frame, i);
                await socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
            }

            // Held open until the client has read everything and goes.
            var buffer = new byte[256];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        });

        var sink = new NumberSink();
        await using (var ticker = new KiteTicker(
            new KiteTickerOptions
            {
                Url = new Uri($"wss://localhost:{port}/"),
                ApiKey = "k",
                AccessToken = "t",
                CertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
            sink,
            NullLogger.Instance))
        {
            ticker.Subscribe([LoopbackTickServer.Token], TickMode.Ltp);
            using var stop = new CancellationTokenSource();
            var running = ticker.RunAsync(stop.Token);
            Ring.Await.Until(() => sink.Numbers.Count >= 50, TimeSpan.FromSeconds(30), () => $"50 frames over TLS (got {sink.Numbers.Count})");
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(Enumerable.Range(0, 50), sink.Numbers);
        Assert.All(sink.Threads, name => Assert.Equal("ticker-0", name));
        await serving.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task AnUntrustedCertificateIsRefusedAndNothingIsDelivered()
    {
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        int attempts = 0;
        using var serverStop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!serverStop.IsCancellationRequested)
            {
                using var client = await listener.AcceptSocketAsync(serverStop.Token);
                Interlocked.Increment(ref attempts);
                await using var ssl = new SslStream(new NetworkStream(client, ownsSocket: true));
                try
                {
                    // A client that took the certificate would get a frame, and the test would see it.
                    await ssl.AuthenticateAsServerAsync(certificate);
                    using var socket = LoopbackTickServer.AcceptWebSocket(ssl);
                    var frame = new byte[12];
                    LoopbackTickServer.WriteFrame(frame, 7);
                    await socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
                    await Task.Delay(Timeout.Infinite, serverStop.Token);
                }
                catch (Exception ex) when (ex is IOException or AuthenticationException or WebSocketException)
                {
                    // The client hung up on the certificate: what the test wants.
                }
            }
        });

        var sink = new NumberSink();
        await using (var ticker = new KiteTicker(
            new KiteTickerOptions { Url = new Uri($"wss://localhost:{port}/"), ApiKey = "k", AccessToken = "t", InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(100) },
            sink,
            NullLogger.Instance))
        {
            ticker.Subscribe([LoopbackTickServer.Token], TickMode.Ltp);
            using var stop = new CancellationTokenSource();
            var running = ticker.RunAsync(stop.Token);
            Ring.Await.Until(() => Volatile.Read(ref attempts) >= 2, TimeSpan.FromSeconds(30), () => "two refused attempts");
            Assert.Equal(0, ticker.ConnectedCount);
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await serverStop.CancelAsync();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Empty(sink.Numbers);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed class NumberSink : ITickerSink
    {
        public ConcurrentQueue<int> Numbers { get; } = new();

        public ConcurrentQueue<string?> Threads { get; } = new();

        public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
        {
            Threads.Enqueue(Thread.CurrentThread.Name);
            Numbers.Enqueue(LoopbackTickServer.FrameNumber(frame));
        }

        public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
        {
        }
    }
}
