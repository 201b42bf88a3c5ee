using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engine.Journal.Reading;
using Engine.JournalTool.Orders;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal orders</c>: each order's life, from the input that caused it to the exchange's last word.</summary>
public static class OrdersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("journal") { Description = "The journal folder." };
        var id = new Option<string?>("--order") { Description = "Only this order: the engine's order id (its tag), the broker's order id or the exchange's." };
        var json = new Option<bool>("--json") { Description = "One JSON object per order." };
        var summary = new Option<bool>("--summary") { Description = "Only the totals by final state and, per instrument, the filled buys and sells and the net position." };
        var command = new Command("orders", "Each order's life: the triggering input, the intent, the risk verdict, every request, the broker's replies, order updates and fills, and the engine's state transitions, with IST and UTC times and exchange ids.") { folder, id, json, summary };
        command.SetAction(parse =>
        {
            var lives = OrderLifeReader.Read(JournalReader.OpenWithSegments(parse.GetValue(folder)!), new JournalReadOptions { SkipDamaged = true });
            string? only = parse.GetValue(id);
            var selected = only is null ? lives : lives.Where(l => l.ClientOrderId.ToString(CultureInfo.InvariantCulture) == only || l.BrokerOrderId == only || l.ExchangeOrderId == only).ToList();
            if (only is not null && selected.Count == 0)
            {
                Console.Error.WriteLine($"journal: no order '{only}' in {parse.GetValue(folder)} (give the engine's order id, the broker's or the exchange's)");
                return 1;
            }

            var output = Console.Out;
            if (parse.GetValue(summary))
            {
                OrderBookSummary.Write(output, selected);
                return 0;
            }

            foreach (var life in selected)
            {
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(life));
                    continue;
                }

                var inv = CultureInfo.InvariantCulture;
                output.WriteLine(string.Create(inv, $"order {life.ClientOrderId}{(life.EngineOrder ? " (the engine's own)" : "")}: {life.Side} {life.Quantity} {life.Symbol ?? life.InstrumentToken.ToString(inv)} ({life.InstrumentToken}) {life.Order} -> {life.State}, filled {life.FilledQuantity} at {life.AveragePrice}; broker order {life.BrokerOrderId ?? "-"}, exchange order {life.ExchangeOrderId ?? "-"}"));
                foreach (var step in life.Events)
                {
                    output.WriteLine($"  {step.TimeIst} ({step.TimeUtc})  seq {step.Sequence,-8} {step.Kind,-8} {step.What}");
                }

                output.WriteLine();
            }

            if (!parse.GetValue(json))
            {
                output.WriteLine(OrderBookSummary.Totals(selected));
            }

            return 0;
        });
        return command;
    }
}
