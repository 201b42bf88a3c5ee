using System.Globalization;

namespace Engine.Core.Indicators;

/// <summary>
/// Builds indicators from short specs (<c>rsi:14</c>, <c>macd:12,26,9</c>, <c>bb:20,2</c>), as the
/// command line and configuration name them. Bad specs fail with a message naming the spec, the
/// parameter and what is allowed.
/// </summary>
public static class IndicatorSpecs
{
    /// <summary>Every spec form, for help texts and error messages.</summary>
    public static IReadOnlyList<string> Forms { get; } =
    [
        "sma:N", "ema:N", "wma:N", "hma:N", "kama:ER,FAST,SLOW", "rsi:N", "macd:FAST,SLOW,SIGNAL", "bb:N,K", "stddev:N", "tr", "atr:N",
        "adx:N", "roc:N", "stoch:N,SIGNAL,SMOOTH", "willr:N", "cci:N", "obv", "vwap[:session|cumulative]", "supertrend:N,MULT", "donchian:N",
        "keltner:EMA,MULT,ATR", "psar:STEP,MAX", "chandelier:N,MULT[,long|short]",
    ];

    /// <summary>Creates the indicator for <paramref name="spec"/>.</summary>
    /// <exception cref="FormatException">Unknown name, wrong number of parameters, or a value out of range.</exception>
    public static IIndicator Create(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string trimmed = spec.Trim();
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        string[] args = colon < 0 ? [] : trimmed[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var (minimum, maximum) = name switch
        {
            "sma" or "ema" or "wma" or "hma" or "rsi" or "stddev" or "roc" => (1, 1),
            "tr" or "obv" => (0, 0),
            "atr" or "adx" or "willr" or "cci" or "donchian" or "vwap" => (0, 1),
            "bb" or "supertrend" or "psar" => (0, 2),
            "kama" or "macd" or "stoch" or "keltner" or "chandelier" => (0, 3),
            _ => throw new FormatException($"unknown indicator '{name}' in '{spec}'; known: {string.Join(", ", Forms)}"),
        };
        if (args.Length < minimum || args.Length > maximum)
        {
            string count = minimum == maximum ? $"{minimum}" : $"{minimum} to {maximum}";
            throw new FormatException($"indicator '{spec}' takes {count} parameter{(maximum == 1 ? "" : "s")}, got {args.Length}; forms: {string.Join(", ", Forms.Where(f => f.StartsWith(name, StringComparison.Ordinal)))}");
        }

        try
        {
            return name switch
            {
                "sma" => new Sma(Int(args, 0, 0)),
                "ema" => new Ema(Int(args, 0, 0)),
                "wma" => new Wma(Int(args, 0, 0)),
                "hma" => new Hma(Int(args, 0, 0)),
                "kama" => new Kama(Int(args, 0, 10), Int(args, 1, 2), Int(args, 2, 30)),
                "rsi" => new Rsi(Int(args, 0, 0)),
                "macd" => new Macd(Int(args, 0, 12), Int(args, 1, 26), Int(args, 2, 9)),
                "bb" => new BollingerBands(Int(args, 0, 20), Double(args, 1, 2)),
                "stddev" => new StdDev(Int(args, 0, 0)),
                "tr" => new TrueRange(),
                "atr" => new Atr(Int(args, 0, 14)),
                "adx" => new Adx(Int(args, 0, 14)),
                "roc" => new Roc(Int(args, 0, 0)),
                "stoch" => new Stochastic(Int(args, 0, 14), Int(args, 1, 3), Int(args, 2, 3)),
                "willr" => new WilliamsR(Int(args, 0, 14)),
                "cci" => new Cci(Int(args, 0, 20)),
                "obv" => new Obv(),
                "vwap" => new Vwap(args.Length == 0 ? VwapAnchor.Session : Choice(args, 0, ("session", VwapAnchor.Session), ("cumulative", VwapAnchor.Cumulative))),
                "supertrend" => new SuperTrend(Int(args, 0, 10), Double(args, 1, 3)),
                "donchian" => new Donchian(Int(args, 0, 20)),
                "keltner" => new Keltner(Int(args, 0, 20), Double(args, 1, 2), Int(args, 2, 10)),
                "psar" => new ParabolicSar(Double(args, 0, 0.02), Double(args, 1, 0.2)),
                _ => new ChandelierExit(Int(args, 0, 22), Double(args, 1, 3),
                    args.Length > 2 ? Choice(args, 2, ("long", ChandelierDirection.Long), ("short", ChandelierDirection.Short)) : ChandelierDirection.Long),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"indicator '{spec}': {ex.ParamName} must be {Describe(ex)}, got {ex.ActualValue}.", ex);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"indicator '{spec}': {ex.Message}", ex);
        }
    }

    private static string Describe(ArgumentOutOfRangeException ex)
    {
        // The runtime's messages end with "(Parameter ...)"; keep the part that says what is allowed.
        string message = ex.Message;
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        int must = message.IndexOf("must be ", StringComparison.Ordinal);
        return must >= 0 ? message[(must + 8)..].TrimEnd('.') : "in range";
    }

    private static int Int(string[] args, int index, int fallback)
    {
        if (index >= args.Length)
        {
            return fallback;
        }

        return int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"parameter {index + 1} '{args[index]}' is not a whole number");
    }

    private static double Double(string[] args, int index, double fallback)
    {
        if (index >= args.Length)
        {
            return fallback;
        }

        return double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"parameter {index + 1} '{args[index]}' is not a number");
    }

    private static T Choice<T>(string[] args, int index, params (string Name, T Value)[] choices)
    {
        string given = args[index].ToLowerInvariant();
        foreach (var (choiceName, value) in choices)
        {
            if (choiceName == given)
            {
                return value;
            }
        }

        throw new FormatException($"parameter {index + 1} '{args[index]}' is not one of {string.Join(", ", choices.Select(c => c.Name))}");
    }
}
