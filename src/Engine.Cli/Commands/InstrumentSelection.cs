using System.Globalization;
using Engine.Core.Instruments;
using Engine.Kite.Instruments;

namespace Engine.Cli.Commands;

/// <summary>Turns a <c>--tokens</c> list (numbers or trading symbols) into instrument tokens, with names from the instruments file when it exists.</summary>
public static class InstrumentSelection
{
    /// <summary>Resolves <paramref name="list"/>; empty means every instrument in the file.</summary>
    public static (IReadOnlyList<uint> Tokens, IReadOnlyDictionary<uint, string> Names) Resolve(string? list, string instrumentsFile)
    {
        var instruments = File.Exists(instrumentsFile) ? KiteInstrumentsCsv.Load(instrumentsFile) : [];
        var names = instruments.ToDictionary(i => i.InstrumentToken, i => i.TradingSymbol);
        if (string.IsNullOrWhiteSpace(list))
        {
            if (instruments.Count == 0)
            {
                throw new FormatException($"No --tokens given and the instruments file '{instrumentsFile}' does not exist.");
            }

            return (instruments.Select(i => i.InstrumentToken).ToArray(), names);
        }

        var bySymbol = instruments.GroupBy(i => i.TradingSymbol, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var tokens = new List<uint>();
        foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (uint.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out uint token))
            {
                tokens.Add(token);
            }
            else if (bySymbol.TryGetValue(item, out Instrument? instrument))
            {
                tokens.Add(instrument.InstrumentToken);
            }
            else
            {
                throw new FormatException($"'{item}' is neither an instrument token nor a trading symbol in '{instrumentsFile}'.");
            }
        }

        return (tokens.Distinct().ToArray(), names);
    }
}
