using System.Globalization;

namespace Engine.JournalTool.Orders;

/// <summary>
/// A run's orders at a glance: how many ended in each state, and per instrument what was bought
/// and sold (filled quantity and average price) and the net position that leaves.
/// </summary>
public static class OrderBookSummary
{
    /// <summary>The one-line count of orders by final state.</summary>
    public static string Totals(IReadOnlyCollection<OrderLife> lives)
    {
        ArgumentNullException.ThrowIfNull(lives);
        return string.Create(CultureInfo.InvariantCulture,
            $"{lives.Count} orders: {lives.Count(l => l.State == "Complete")} complete, {lives.Count(l => l.State == "Cancelled")} cancelled, {lives.Count(l => l.State == "Rejected")} rejected, {lives.Count(l => IsOpen(l.State))} open ({lives.Count(l => l.EngineOrder)} the engine's own)");
    }

    /// <summary>Writes the totals and a table by instrument of filled buys, filled sells and the net position.</summary>
    public static void Write(TextWriter output, IReadOnlyCollection<OrderLife> lives)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lives);
        output.WriteLine(Totals(lives));
        var rows = lives.Where(l => l.FilledQuantity > 0)
            .GroupBy(l => (l.InstrumentToken, l.Symbol))
            .OrderBy(g => g.Key.Symbol ?? g.Key.InstrumentToken.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .Select(g => new
            {
                Name = g.Key.Symbol ?? g.Key.InstrumentToken.ToString(CultureInfo.InvariantCulture),
                Orders = g.Count(),
                Bought = Filled(g.Where(l => l.Side == "BUY")),
                Sold = Filled(g.Where(l => l.Side == "SELL")),
            })
            .ToList();
        if (rows.Count == 0)
        {
            output.WriteLine("no fills");
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"  {"instrument",-14} {"filled",6}  {"bought",16}  {"sold",16}  {"net",6}"));
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(inv, $"  {row.Name,-14} {row.Orders,6}  {Describe(row.Bought),16}  {Describe(row.Sold),16}  {row.Bought.Quantity - row.Sold.Quantity,6}"));
        }
    }

    // Anything not final is open, a state this reader does not know included.
    private static bool IsOpen(string state) => state is not ("Complete" or "Cancelled" or "Rejected");

    private static (long Quantity, decimal Average) Filled(IEnumerable<OrderLife> lives)
    {
        long quantity = 0;
        decimal value = 0;
        foreach (var life in lives)
        {
            quantity += life.FilledQuantity;
            value += life.FilledQuantity * life.AveragePrice;
        }

        return (quantity, quantity == 0 ? 0 : Math.Round(value / quantity, 2));
    }

    private static string Describe((long Quantity, decimal Average) filled) =>
        filled.Quantity == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{filled.Quantity} @ {filled.Average:0.00}");
}
