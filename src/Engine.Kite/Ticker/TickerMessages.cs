using System.Text;
using Engine.Core.Market;

namespace Engine.Kite.Ticker;

/// <summary>The JSON text messages a client sends to Kite's ticker.</summary>
public static class TickerMessages
{
    /// <summary><c>{"a":"subscribe","v":[tokens]}</c>.</summary>
    public static string Subscribe(IEnumerable<uint> tokens) => $"{{\"a\":\"subscribe\",\"v\":[{string.Join(",", tokens)}]}}";

    /// <summary><c>{"a":"unsubscribe","v":[tokens]}</c>.</summary>
    public static string Unsubscribe(IEnumerable<uint> tokens) => $"{{\"a\":\"unsubscribe\",\"v\":[{string.Join(",", tokens)}]}}";

    /// <summary><c>{"a":"mode","v":["full",[tokens]]}</c>.</summary>
    public static string Mode(TickMode mode, IEnumerable<uint> tokens) => $"{{\"a\":\"mode\",\"v\":[\"{ModeName(mode)}\",[{string.Join(",", tokens)}]]}}";

    /// <summary>Kite's name of a mode.</summary>
    public static string ModeName(TickMode mode) => mode switch
    {
        TickMode.Ltp => "ltp",
        TickMode.Quote => "quote",
        TickMode.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tick mode."),
    };

    /// <summary>Reads a mode name (<c>ltp</c>, <c>quote</c>, <c>full</c>).</summary>
    public static TickMode ParseMode(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ltp" => TickMode.Ltp,
        "quote" => TickMode.Quote,
        "full" => TickMode.Full,
        _ => throw new FormatException($"Unknown tick mode '{name}'; expected ltp, quote or full."),
    };

    /// <summary>UTF-8 bytes of a message.</summary>
    public static byte[] Utf8(string message) => Encoding.UTF8.GetBytes(message);
}
