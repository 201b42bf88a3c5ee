using System.Diagnostics;
using System.Text;

namespace Engine.Tests.Cli;

/// <summary>The real <c>engine</c> executable, started as a user would, from the repository root.</summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();
    private readonly List<string> _stdoutLines = [];

    private EngineProcess(Process process) => _process = process;

    /// <summary>The engine executable as the build left it (the configuration the tests were built in).</summary>
    public static string EngineDll => BuiltExecutable("Engine.Cli", "engine.dll");

    /// <summary>The auditors' reader as the build left it.</summary>
    public static string JournalDll => BuiltExecutable("Engine.JournalReader", "journal.dll");

    // The test assembly runs from tests/Engine.Tests/bin/CONFIGURATION/TFM/.
    private static string BuiltExecutable(string project, string dll)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        string path = Path.Combine(TestData.RepositoryRoot, "src", project, "bin", configuration, framework, dll);
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    public static EngineProcess Start(params string[] args) => Start(null, args);

    public static EngineProcess Start(IDictionary<string, string>? environment, params string[] args) => StartDll(EngineDll, environment, args);

    /// <summary>The auditors' reader tool, which must work without the engine.</summary>
    public static EngineProcess Journal(params string[] args) => StartDll(JournalDll, new Dictionary<string, string> { ["JOURNAL_NO_PROGRESS"] = "1" }, args);

    public static (int ExitCode, string Stdout, string Stderr) RunJournal(params string[] args)
    {
        using var process = Journal(args);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), $"journal {string.Join(' ', args)} did not finish");
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    private static EngineProcess StartDll(string dll, IDictionary<string, string>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var wrapper = new EngineProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (wrapper._stdoutLines)
            {
                wrapper._stdoutLines.Add(e.Data);
                wrapper._stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (wrapper._stderr)
                {
                    wrapper._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            Assert.Fail($"engine {string.Join(' ', args)} did not finish in {timeout.TotalSeconds} s. stderr: {process.Stderr}");
        }

        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>
    /// Starts <c>engine ARGS --json</c>, waits until <paramref name="until"/> holds (checked a few
    /// times a second) or the engine ends by itself, stops it with SIGTERM as an operator would, and
    /// returns its exit code and its JSON summary: no wall-clock assumption about how much happens
    /// in how many seconds on a busy machine.
    /// </summary>
    public static (int ExitCode, System.Text.Json.JsonElement Summary, string Stdout, string Stderr) RunUntil(Func<bool> until, TimeSpan timeout, params string[] args) =>
        RunUntil(null, until, timeout, args);

    /// <summary>As <see cref="RunUntil(Func{bool}, TimeSpan, string[])"/>, with <paramref name="environment"/> set for the process.</summary>
    public static (int ExitCode, System.Text.Json.JsonElement Summary, string Stdout, string Stderr) RunUntil(IDictionary<string, string>? environment, Func<bool> until, TimeSpan timeout, params string[] args)
    {
        using var process = Start(environment, [.. args, "--json"]);
        var clock = Stopwatch.StartNew();
        while (!process._process.HasExited && !until())
        {
            if (clock.Elapsed > timeout)
            {
                process.Kill();
                Assert.Fail($"engine {string.Join(' ', args)}: the awaited condition did not hold within {timeout.TotalSeconds} s. stderr: {process.Stderr}");
            }

            Thread.Sleep(250);
        }

        process.Signal(15);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"engine {string.Join(' ', args)} did not stop after SIGTERM: {process.Stderr}");
        return (process.ExitCode, Summary(process.Stdout, process.Stderr), process.Stdout, process.Stderr);
    }

    /// <summary>The JSON summary <c>--json</c> prints as the last line of standard output.</summary>
    public static System.Text.Json.JsonElement Summary(string stdout, string stderr)
    {
        string? last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(last is not null && last.StartsWith('{'), $"no JSON summary on stdout: {stdout}\nstderr: {stderr}");
        using var document = System.Text.Json.JsonDocument.Parse(last);
        return document.RootElement.Clone();
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Stdout
    {
        get
        {
            lock (_stdoutLines)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string? FirstLine
    {
        get
        {
            lock (_stdoutLines)
            {
                return _stdoutLines.Count > 0 ? _stdoutLines[0] : null;
            }
        }
    }

    public string WaitForFirstLine(TimeSpan timeout)
    {
        Engine.Tests.Ring.Await.Until(() => FirstLine is not null || _process.HasExited, timeout, () => $"no output; stderr: {Stderr}");
        return FirstLine ?? throw new InvalidOperationException($"engine exited with {_process.ExitCode} before printing: {Stderr}");
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();   // drains the output readers
        return true;
    }

    public void Signal(int signal) => _ = kill(_process.Id, signal);

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
