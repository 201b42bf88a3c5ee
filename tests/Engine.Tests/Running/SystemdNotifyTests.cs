using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// The engine as a <c>Type=notify</c> service: with NOTIFY_SOCKET set it says READY once the
/// ticker is connected, pings WATCHDOG at half of WATCHDOG_USEC while the pipeline keeps up, and
/// says STOPPING when SIGTERM starts the drain. A datagram socket stands in for systemd.
/// </summary>
public sealed class SystemdNotifyTests
{
    [Fact]
    public async Task ItSaysReadyPingsTheWatchdogAndSaysStoppingOnSigterm()
    {
        using var config = new TestEngineConfig();
        string path = Path.Combine(config.Folder, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var messages = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var buffer = new byte[4096];
            socket.ReceiveTimeout = 200;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    int n = socket.Receive(buffer);
                    messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, n));
                }
                catch (SocketException)
                {
                }
            }
        });

        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path, ["WATCHDOG_USEC"] = "400000" };
        var (exit, _, stdout, stderr) = EngineProcess.RunUntil(
            environment,
            () => messages.Any(m => m.Contains("READY=1", StringComparison.Ordinal)) && messages.Count(m => m == "WATCHDOG=1") >= 3,
            TimeSpan.FromSeconds(120), "run", "--config", config.File);
        Ring.Await.Until(() => messages.Any(m => m.Contains("STOPPING=1", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => string.Join(" | ", messages));
        stop.Cancel();
        await reader;
        Assert.True(exit == 0, stdout + stderr);

        var all = messages.ToList();
        int ready = all.FindIndex(m => m.StartsWith("READY=1", StringComparison.Ordinal));
        Assert.True(ready >= 0, string.Join(" | ", all));
        Assert.Contains("STATUS=trading:", all[ready], StringComparison.Ordinal);
        Assert.True(all.FindLastIndex(m => m == "WATCHDOG=1") < all.FindIndex(m => m.Contains("STOPPING=1", StringComparison.Ordinal)), "a watchdog ping after STOPPING");
    }
}
