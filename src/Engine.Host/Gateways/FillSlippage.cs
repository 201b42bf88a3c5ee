using System.Globalization;

namespace Engine.Host.Gateways;

/// <summary>
/// How much worse than the market a paper fill is: a number of ticks, or basis points of the fill
/// price rounded up to whole ticks. Written <c>2 ticks</c>, <c>5 bps</c> or <c>0</c>.
/// </summary>
public readonly record struct FillSlippage(decimal Amount, SlippageUnit Unit)
{
    /// <summary>No slippage.</summary>
    public static FillSlippage None => new(0, SlippageUnit.Ticks);

    /// <summary>The adverse move for a fill at <paramref name="price"/> on an instrument whose tick is <paramref name="tickSize"/> (wire units).</summary>
    public long Adverse(long price, long tickSize)
    {
        tickSize = Math.Max(1, tickSize);
        if (Amount <= 0)
        {
            return 0;
        }

        if (Unit == SlippageUnit.Ticks)
        {
            return (long)Math.Ceiling(Amount) * tickSize;
        }

        decimal move = price * Amount / 10_000m;
        return (long)Math.Ceiling(move / tickSize) * tickSize;
    }

    /// <summary>Reads <c>N ticks</c>, <c>N bps</c> or <c>0</c>; null when the text is none of these.</summary>
    public static FillSlippage? TryParse(string? text)
    {
        string[] parts = (text ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal amount) || amount < 0)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return amount == 0 ? None : null;
        }

        return parts[1].ToLowerInvariant() switch
        {
            "tick" or "ticks" when decimal.IsInteger(amount) => new FillSlippage(amount, SlippageUnit.Ticks),
            "bp" or "bps" => new FillSlippage(amount, SlippageUnit.BasisPoints),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Amount == 0 ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{Amount} {(Unit == SlippageUnit.Ticks ? (Amount == 1 ? "tick" : "ticks") : "bps")}");
}
