using System.Globalization;

namespace Engine.Host.Backtests;

/// <summary>
/// A parameter grid: each axis is <c>NAME=FROM..TO:STEP</c> (both ends included) or
/// <c>NAME=A,B,C</c>, <c>INSTANCE.NAME</c> for one strategy instance; the points are every
/// combination, the first axis varying slowest.
/// </summary>
public sealed class SweepGrid
{
    private const int MaxPoints = 10_000;

    private SweepGrid(IReadOnlyList<(string Key, IReadOnlyList<string> Values)> axes) => Axes = axes;

    /// <summary>Each axis: its parameter and its values.</summary>
    public IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Axes { get; }

    /// <summary>Every point, as the parameter settings that make it.</summary>
    public IReadOnlyList<IReadOnlyList<ParameterOverride>> Points()
    {
        IEnumerable<IReadOnlyList<ParameterOverride>> points = [[]];
        foreach (var (key, values) in Axes)
        {
            points = points.SelectMany(p => values.Select(v => (IReadOnlyList<ParameterOverride>)[.. p, ParameterOverride.Parse($"{key}={v}")])).ToArray();
        }

        return points.ToArray();
    }

    /// <summary>Reads the axes.</summary>
    public static SweepGrid Parse(IEnumerable<string> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var parsed = new List<(string, IReadOnlyList<string>)>();
        long count = 1;
        foreach (string axis in axes)
        {
            int equals = axis.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"--sweep: '{axis}' is not NAME=FROM..TO:STEP or NAME=A,B,C");
            }

            string key = axis[..equals].Trim();
            string spec = axis[(equals + 1)..].Trim();
            string[] values = spec.Contains("..", StringComparison.Ordinal) ? Range(axis, spec) : spec.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            if (values.Length == 0)
            {
                throw new FormatException($"--sweep: '{axis}' gives no values");
            }

            if (parsed.Any(p => p.Item1 == key))
            {
                throw new FormatException($"--sweep: '{key}' is given twice");
            }

            count *= values.Length;
            if (count > MaxPoints)
            {
                throw new FormatException($"--sweep: the grid has more than {MaxPoints:N0} points; narrow it (or split it across machines: each point is one command)");
            }

            parsed.Add((key, values));
        }

        if (parsed.Count == 0)
        {
            throw new FormatException("--sweep: no axes given");
        }

        return new SweepGrid(parsed);
    }

    private static string[] Range(string axis, string spec)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] bounds = spec.Split("..", 2);
        string[] end = bounds[1].Split(':', 2);
        if (!decimal.TryParse(bounds[0], NumberStyles.Number, inv, out decimal from)
            || !decimal.TryParse(end[0], NumberStyles.Number, inv, out decimal to)
            || !decimal.TryParse(end.Length > 1 ? end[1] : "1", NumberStyles.Number, inv, out decimal step)
            || step <= 0 || to < from)
        {
            throw new FormatException($"--sweep: '{axis}': a range is FROM..TO:STEP with FROM <= TO and a positive STEP (e.g. fast_periods=5..20:5)");
        }

        var values = new List<string>();
        for (decimal v = from; v <= to && values.Count <= MaxPoints; v += step)
        {
            values.Add(v.ToString("0.##########", inv));
        }

        return [.. values];
    }
}
