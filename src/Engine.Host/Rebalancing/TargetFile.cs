using System.Globalization;
using Engine.Core.Instruments;

namespace Engine.Host.Rebalancing;

/// <summary>
/// Reads a targets file: one <c>SYMBOL,TARGET</c> per line, where SYMBOL is <c>EXCHANGE:SYMBOL</c>
/// (or a bare NSE symbol) and TARGET a quantity in shares (<c>10</c>) or a weight of the
/// investable equity (<c>25%</c>). Blank lines, <c>#</c> comments and a <c>symbol,target</c>
/// header are ignored. Only the instruments listed are touched: list one at 0 to sell it out.
/// </summary>
public static class TargetFile
{
    /// <summary>Reads <paramref name="path"/> against the instruments file's <paramref name="instruments"/>.</summary>
    public static IReadOnlyList<RebalanceTarget> Read(string path, IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--targets: '{path}' does not exist.", path);
        }

        var byKey = new Dictionary<string, Instrument>(StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in instruments)
        {
            byKey.TryAdd(instrument.Key, instrument);
        }

        var targets = new List<RebalanceTarget>();
        var problems = new List<string>();
        int number = 0;
        bool first = true;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Split('#', 2)[0].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            // The header, if any, is the first line that is not a comment.
            bool header = first && line.StartsWith("symbol,", StringComparison.OrdinalIgnoreCase);
            first = false;
            if (header)
            {
                continue;
            }

            string[] f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length != 2)
            {
                problems.Add($"line {number}: '{line}' is not SYMBOL,TARGET");
                continue;
            }

            string key = f[0].Contains(':', StringComparison.Ordinal) ? f[0] : "NSE:" + f[0];
            if (!byKey.TryGetValue(key, out var found))
            {
                problems.Add($"line {number}: '{f[0]}' is not in the instruments file");
                continue;
            }

            if (targets.Any(t => t.Instrument.InstrumentToken == found.InstrumentToken))
            {
                problems.Add($"line {number}: {found.Key} is listed twice");
                continue;
            }

            if (f[1].EndsWith('%') && decimal.TryParse(f[1][..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal weight) && weight is >= 0 and <= 100)
            {
                targets.Add(new RebalanceTarget(found, null, weight, number));
            }
            else if (long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long quantity))
            {
                targets.Add(new RebalanceTarget(found, quantity, null, number));
            }
            else
            {
                problems.Add($"line {number}: '{f[1]}' is neither a quantity (10) nor a weight from 0% to 100% (25%)");
            }
        }

        decimal total = targets.Sum(t => t.WeightPercent ?? 0);
        if (total > 100)
        {
            problems.Add($"the weights add up to {total.ToString(CultureInfo.InvariantCulture)}%, more than 100%");
        }

        if (problems.Count > 0)
        {
            throw new FormatException($"--targets {path}: {string.Join("; ", problems)}");
        }

        return targets.Count == 0 ? throw new FormatException($"--targets {path}: no targets in the file") : targets;
    }
}
