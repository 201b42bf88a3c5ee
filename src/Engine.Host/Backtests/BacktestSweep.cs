using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Engine.Host.Backtests;

/// <summary>
/// <c>engine backtest --sweep</c>: every point of a parameter grid as its own backtest process
/// (its own journal under the sweep's folder), as many at once as there are cores, then a table
/// ranked by the chosen metric, also written as <c>sweep.json</c> beside the journals. A point is a
/// pure function of the data, the configuration and its parameters, and each is one command line
/// (printed with it), so a grid fans out across machines by running its commands anywhere.
/// </summary>
public static class BacktestSweep
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the grid; returns the exit code (0 when every point ran).</summary>
    public static async Task<int> RunAsync(BacktestSweepOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        string folder = Path.GetFullPath(options.Folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"--journal: '{folder}' is not empty; a sweep writes a journal per point beneath a new folder");
        }

        Directory.CreateDirectory(folder);
        var points = options.Grid.Points();
        var (file, prefix) = options.Engine ?? ThisEngine();
        int width = points.Count.ToString(CultureInfo.InvariantCulture).Length;
        var results = new SweepPoint[points.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallel));
        int done = 0;
        var clock = Stopwatch.StartNew();
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sweep: {points.Count} points ({string.Join(" × ", options.Grid.Axes.Select(a => $"{a.Key} {a.Values.Count}"))}), {options.Parallel} at a time, into {folder}")).ConfigureAwait(false);
        var runs = points.Select(async (point, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                string journal = Path.Combine(folder, "point-" + (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
                var settings = options.Fixed.Concat(point).ToArray();
                var arguments = new List<string> { "backtest" };
                arguments.AddRange(options.Arguments);
                foreach (var setting in settings)
                {
                    arguments.Add("--set");
                    arguments.Add(setting.ToString());
                }

                arguments.Add("--journal");
                arguments.Add(journal);
                var result = await RunPointAsync(file, [.. prefix, .. arguments, "--json"], options.Rank, cancellationToken).ConfigureAwait(false);
                results[index] = result with
                {
                    Number = index + 1,
                    Parameters = point.Select(p => p.ToString()).ToArray(),
                    Command = "./run.sh engine " + string.Join(' ', arguments.Select(Quote)),
                    Journal = journal,
                };
                int finished = Interlocked.Increment(ref done);
                string figure = result.Error is null ? $"{options.Rank.Name} {Show(result.Metric)}" : "FAILED: " + result.Error;
                lock (progress)
                {
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: [{finished}/{points.Count}] {string.Join(' ', point)}: {figure} ({result.Seconds:F1} s)"));
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        await Task.WhenAll(runs).ConfigureAwait(false);

        var ranked = results.OrderBy(r => r.Metric is null ? 1 : 0)
            .ThenBy(r => r.Metric is { } m ? (options.Rank.HigherIsBetter ? -m : m) : 0)
            .ThenBy(r => r.Number)
            .ToArray();
        await File.WriteAllTextAsync(Path.Combine(folder, "sweep.json"), JsonSerializer.Serialize(new { rank = options.Rank.Name, points = ranked }, Indented), cancellationToken).ConfigureAwait(false);
        if (options.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { rank = options.Rank.Name, folder, seconds = clock.Elapsed.TotalSeconds, points = ranked }, Indented)).ConfigureAwait(false);
        }
        else
        {
            Print(output, options, ranked, folder, clock.Elapsed);
        }

        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static void Print(TextWriter output, BacktestSweepOptions options, SweepPoint[] ranked, string folder, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        int parametersWidth = Math.Max(10, ranked.Max(r => string.Join(' ', r.Parameters).Length));
        output.WriteLine(string.Create(inv, $"sweep: {ranked.Length} points in {elapsed.TotalSeconds:F1} s, ranked by {options.Rank.Name} ({(options.Rank.HigherIsBetter ? "highest" : "lowest")} first)"));
        output.WriteLine(string.Create(inv, $"  {"rank",4}  {"parameters".PadRight(parametersWidth)}  {options.Rank.Name,13}  {"sharpe",7}  {"return",8}  {"max dd",7}  {"trades",6}  {"win",6}"));
        for (int i = 0; i < ranked.Length; i++)
        {
            var r = ranked[i];
            string parameters = string.Join(' ', r.Parameters).PadRight(parametersWidth);
            output.WriteLine(r.Error is not null
                ? string.Create(inv, $"  {i + 1,4}  {parameters}  failed: {r.Error}")
                : string.Create(inv, $"  {i + 1,4}  {parameters}  {Show(r.Metric),13}  {Show(r.Sharpe),7}  {Percent(r.TotalReturn),8}  {Percent(r.MaxDrawdown),7}  {r.Trades,6:0}  {Percent(r.WinRate),6}"));
        }

        output.WriteLine($"  results   {Path.Combine(folder, "sweep.json")} (every point with its journal and command)");
        output.WriteLine($"  best      {ranked[0].Command}");
    }

    private static async Task<SweepPoint> RunPointAsync(string file, IReadOnlyList<string> arguments, SweepMetric rank, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text = await stdout.ConfigureAwait(false);
        string errors = await stderr.ConfigureAwait(false);
        var empty = new SweepPoint { Number = 0, Parameters = [], Command = "", Journal = "", Seconds = clock.Elapsed.TotalSeconds };
        if (process.ExitCode != 0)
        {
            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string why = lines.FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))?["error:".Length..].Trim() ?? lines.LastOrDefault() ?? $"exit code {process.ExitCode}";
            return empty with { Error = why };
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var report = document.RootElement.GetProperty("report");
            return empty with
            {
                Metric = rank.Of(report),
                Sharpe = SweepMetric.Read(report, "sharpe"),
                TotalReturn = SweepMetric.Read(report, "total_return"),
                MaxDrawdown = SweepMetric.Read(report, "max_drawdown"),
                Trades = SweepMetric.Read(report, "trades"),
                WinRate = SweepMetric.Read(report, "win_rate"),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return empty with { Error = $"its output is not the backtest's JSON: {ex.Message}" };
        }
    }

    // Run as "dotnet engine.dll" or as the apphost: the point runs the same way.
    private static (string, IReadOnlyList<string>) ThisEngine()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        bool host = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return host && entry is { Length: > 0 } ? (process, [entry]) : (process, []);
    }

    private static string Quote(string argument) => argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,@+".Contains(c, StringComparison.Ordinal)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Show(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
}
