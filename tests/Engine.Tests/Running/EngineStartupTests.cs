using System.Net;
using System.Net.Sockets;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Verification;
using Engine.Journal.Writing;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>
/// A start-up step that fails after the journal opened must still leave a journal that is
/// flushed, sealed and verifies, and say which step failed and why.
/// </summary>
public sealed class EngineStartupTests
{
    [Fact]
    public void ATakenAdminPortStopsTheRunWithTheStepAndTheJournalSealed()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var config = new TestEngineConfig(extra: $"admin:\n  port: {port}\n");

        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "run", "--config", config.File, "--duration", "60s", "--json");

        Assert.True(exit == 4, $"exit {exit}: {stderr}");
        var summary = EngineProcess.Summary(stdout, stderr);
        Assert.Equal($"start-up failed while starting the admin endpoint on 127.0.0.1:{port}", summary.GetProperty("reason").GetString());
        Assert.Contains("address already in use", summary.GetProperty("failure").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(summary.GetProperty("sealed").GetBoolean());
        Assert.Equal(4, summary.GetProperty("exit_code").GetInt32());
        AssertSealedAndVerified(config.Journal);
    }

    [Fact]
    public void ARefusedTickerHandshakeStopsTheRunWithTheJournalSealed()
    {
        using var config = new TestEngineConfig();
        using var sim = EngineProcess.Start("sim", "--port", "0", "--config", config.File, "--duration", "120");
        string url = System.Text.RegularExpressions.Regex.Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60)), "ws=(\\S+)").Groups[1].Value;
        var environment = new Dictionary<string, string> { ["KITE_API_KEY"] = "sim_api_key", ["KITE_ACCESS_TOKEN"] = "an-expired-token" };

        using var engine = EngineProcess.Start(environment, "run", "--config", config.File, "--duration", "60s", "--ticker-url", url, "--json");
        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(120)), engine.Stderr);

        Assert.True(engine.ExitCode == 3, $"exit {engine.ExitCode}: {engine.Stderr}");
        var summary = EngineProcess.Summary(engine.Stdout, engine.Stderr);
        Assert.Equal("the broker refused the credentials", summary.GetProperty("reason").GetString());
        Assert.Contains("HTTP 403", summary.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("an-expired-token", engine.Stdout + engine.Stderr);
        AssertSealedAndVerified(config.Journal);
    }

    [Fact]
    public void AJournalHeldByAnotherWriterIsAStartUpFailureThatWritesNothing()
    {
        using var config = new TestEngineConfig();
        using (var holder = JournalWriter.Open(new JournalWriterOptions { Folder = config.Journal }))
        {
            holder.WaitForSealing();   // its own spare segment file is in place
            var before = Directory.GetFiles(config.Journal).Select(f => (f, new FileInfo(f).Length)).ToList();
            var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(120), "run", "--config", config.File, "--duration", "60s", "--json");

            Assert.True(exit == 4, $"exit {exit}: {stderr}");
            var summary = EngineProcess.Summary(stdout, stderr);
            Assert.Equal("start-up failed while opening the journal", summary.GetProperty("reason").GetString());
            Assert.Contains("already open by another writer", summary.GetProperty("failure").GetString(), StringComparison.Ordinal);
            Assert.False(summary.GetProperty("sealed").GetBoolean());
            Assert.Equal(before, Directory.GetFiles(config.Journal).Select(f => (f, new FileInfo(f).Length)).ToList());
        }
    }

    private static void AssertSealedAndVerified(string journal)
    {
        var segments = SegmentFile.List(journal);
        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.True(s.Sealed, $"{s.Path} was left unsealed"));
        Assert.Empty(Directory.EnumerateFiles(journal, "*.next"));
        var report = JournalVerifier.Verify(journal);
        Assert.True(report.Ok, string.Join("; ", report.Errors));
        Assert.Contains(JournalReader.Open(journal).Read(), r => r.Type == RecordType.SessionStart);
    }
}
