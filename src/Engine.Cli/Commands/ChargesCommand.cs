using System.CommandLine;
using System.Globalization;
using Engine.Core.Charges;
using Engine.Host.Configuration;

namespace Engine.Cli.Commands;

/// <summary><c>engine charges</c>: the charges on a round trip, item by item, the way the broker's calculator shows them.</summary>
public static class ChargesCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var buy = new Option<string?>("--buy") { Description = "What was bought, QUANTITY@PRICE in rupees, e.g. 100@1000." };
        var sell = new Option<string?>("--sell") { Description = "What was sold, QUANTITY@PRICE in rupees, e.g. 100@1010." };
        var product = new Option<string>("--product") { Description = "MIS (intraday), CNC (delivery) or NRML.", DefaultValueFactory = _ => "MIS" };
        var exchange = new Option<string>("--exchange") { Description = "NSE, BSE, NFO or BFO.", DefaultValueFactory = _ => "NSE" };
        var segment = new Option<string>("--segment") { Description = "equity, futures or options (NFO and BFO default to futures).", DefaultValueFactory = _ => "" };
        var charges = new Option<string>("--charges") { Description = "The charges file.", DefaultValueFactory = _ => Path.Combine("config", "charges.yaml") };
        var json = new Option<bool>("--json") { Description = "Print the breakdown as JSON." };
        var command = new Command("charges", "Work out brokerage, STT, exchange, SEBI, stamp duty and GST on a buy and a sell, and the P&L net of them.") { buy, sell, product, exchange, segment, charges, json };
        command.SetAction(parse =>
        {
            var (buyQuantity, buyPrice) = Trade("--buy", parse.GetValue(buy));
            var (sellQuantity, sellPrice) = Trade("--sell", parse.GetValue(sell));
            if (buyQuantity == 0 && sellQuantity == 0)
            {
                throw new FormatException("give --buy, --sell or both, as QUANTITY@PRICE (e.g. --buy 100@1000 --sell 100@1010)");
            }

            string exchangeName = parse.GetValue(exchange)!.Trim().ToUpperInvariant();
            if (exchangeName is not ("NSE" or "BSE" or "NFO" or "BFO"))
            {
                throw new FormatException($"--exchange '{exchangeName}' is not NSE, BSE, NFO or BFO");
            }

            string productName = parse.GetValue(product)!.Trim().ToUpperInvariant();
            if (productName is not ("MIS" or "CNC" or "NRML"))
            {
                throw new FormatException($"--product '{productName}' is not MIS, CNC or NRML");
            }

            var category = Category(parse.GetValue(segment)!, exchangeName, productName);
            string file = parse.GetValue(charges)!;
            var schedule = File.Exists(file) ? ChargeScheduleFile.Load(file) : ChargeSchedule.Zerodha;
            var rates = schedule[category];
            long buyValue = Paise(buyQuantity * buyPrice);
            long sellValue = Paise(sellQuantity * sellPrice);
            var breakdown = ChargeCalculator.RoundTrip(rates, exchangeName is "BSE" or "BFO", buyValue, sellValue);
            long matched = Math.Min(buyQuantity, sellQuantity);
            decimal gross = matched * (sellPrice - buyPrice);
            decimal net = gross - (breakdown.Total / 100m);
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    exchange = exchangeName,
                    product = productName,
                    category = CategoryName(category),
                    turnover = breakdown.Turnover / 100m,
                    brokerage = breakdown.Brokerage / 100m,
                    stt = breakdown.Stt / 100m,
                    exchange_transaction = breakdown.ExchangeTransaction / 100m,
                    sebi = breakdown.Sebi / 100m,
                    stamp_duty = breakdown.StampDuty / 100m,
                    gst = breakdown.Gst / 100m,
                    total = breakdown.Total / 100m,
                    gross_pnl = gross,
                    net_pnl = net,
                    source = File.Exists(file) ? file : "built-in schedule",
                }));
                return 0;
            }

            Console.WriteLine($"{exchangeName} {CategoryName(category)} ({productName}): bought {buyQuantity} @ {Rupees(buyPrice)}, sold {sellQuantity} @ {Rupees(sellPrice)}");
            Line("Turnover", breakdown.Turnover);
            Line("Brokerage", breakdown.Brokerage);
            Line(category == ChargeCategory.Futures || category == ChargeCategory.Options ? "STT" : "STT total", breakdown.Stt);
            Line("Exchange txn charge", breakdown.ExchangeTransaction);
            Line("SEBI charges", breakdown.Sebi);
            Line("GST", breakdown.Gst);
            Line("Stamp duty", breakdown.StampDuty);
            Line("Total tax and charges", breakdown.Total);
            if (matched > 0)
            {
                Console.WriteLine($"{"Points to breakeven",-24}{(breakdown.Total / 100m / matched).ToString("0.00", Inv),16}");
                Console.WriteLine($"{"Gross P&L",-24}{Rupees(gross),16}");
                Console.WriteLine($"{"Net P&L",-24}{Rupees(net),16}");
            }

            Console.WriteLine($"rates: {(File.Exists(file) ? file : "the built-in schedule (no " + file + ")")}");
            return 0;
        });
        return command;
    }

    private static (long Quantity, decimal Price) Trade(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (0, 0);
        }

        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && long.TryParse(text[..at], NumberStyles.None, Inv, out long quantity) && quantity > 0
            && decimal.TryParse(text[(at + 1)..], NumberStyles.AllowDecimalPoint, Inv, out decimal price) && price > 0)
        {
            return (quantity, price);
        }

        throw new FormatException($"{option} '{text}' is not QUANTITY@PRICE with a whole quantity and a price in rupees (e.g. 100@1000.50)");
    }

    private static ChargeCategory Category(string segment, string exchange, string product) => segment.Trim().ToLowerInvariant() switch
    {
        "equity" => product == "MIS" ? ChargeCategory.EquityIntraday : ChargeCategory.EquityDelivery,
        "futures" => ChargeCategory.Futures,
        "options" => ChargeCategory.Options,
        "" => exchange is "NFO" or "BFO" ? ChargeCategory.Futures : product == "MIS" ? ChargeCategory.EquityIntraday : ChargeCategory.EquityDelivery,
        var other => throw new FormatException($"--segment '{other}' is not equity, futures or options"),
    };

    private static string CategoryName(ChargeCategory category) => category switch
    {
        ChargeCategory.EquityDelivery => "equity delivery",
        ChargeCategory.Futures => "futures",
        ChargeCategory.Options => "options",
        _ => "equity intraday",
    };

    private static long Paise(decimal rupees) => ChargeCalculator.Paise(rupees * 100m);

    private static void Line(string label, long paise) => Console.WriteLine($"{label,-24}{Rupees(paise / 100m),16}");

    private static string Rupees(decimal rupees) => Engine.Host.Running.RiskStatus.Money(rupees);
}
