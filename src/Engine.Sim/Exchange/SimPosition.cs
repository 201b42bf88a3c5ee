using System.Text.Json;
using Engine.Core.Instruments;
using Engine.Core.Matching;

namespace Engine.Sim.Exchange;

/// <summary>One position at the simulator's exchange, from its fills, as Kite's positions have it. Rupees.</summary>
internal sealed record SimPosition(Instrument Instrument, string Product, long BuyQuantity, decimal BuyValue, long SellQuantity, decimal SellValue, decimal LastPrice)
{
    public long Quantity => BuyQuantity - SellQuantity;

    public static SimPosition From(Instrument instrument, string product, IEnumerable<SimTrade> trades, MatchingBook book)
    {
        long buy = 0, sell = 0;
        decimal buyValue = 0, sellValue = 0;
        foreach (var trade in trades)
        {
            if (trade.TransactionType == "BUY")
            {
                buy += trade.Quantity;
                buyValue += trade.Quantity * trade.Price;
            }
            else
            {
                sell += trade.Quantity;
                sellValue += trade.Quantity * trade.Price;
            }
        }

        decimal last = book.HasMarket ? book.Market.LastPrice / (decimal)instrument.PriceDivisor : instrument.LastPrice;
        return new SimPosition(instrument, product, buy, buyValue, sell, sellValue, last);
    }

    public void Write(Utf8JsonWriter json)
    {
        long quantity = Quantity;
        decimal buyPrice = BuyQuantity == 0 ? 0 : BuyValue / BuyQuantity;
        decimal sellPrice = SellQuantity == 0 ? 0 : SellValue / SellQuantity;
        decimal average = quantity > 0 ? buyPrice : quantity < 0 ? sellPrice : 0;
        decimal value = SellValue - BuyValue;
        decimal pnl = value + (quantity * LastPrice);
        json.WriteStartObject();
        json.WriteString("tradingsymbol", Instrument.TradingSymbol);
        json.WriteString("exchange", Instrument.Exchange);
        json.WriteNumber("instrument_token", Instrument.InstrumentToken);
        json.WriteString("product", Product);
        json.WriteNumber("quantity", quantity);
        json.WriteNumber("overnight_quantity", 0);
        json.WriteNumber("multiplier", 1);
        json.WriteNumber("average_price", decimal.Round(average, 4));
        json.WriteNumber("close_price", Instrument.LastPrice);
        json.WriteNumber("last_price", LastPrice);
        json.WriteNumber("value", value);
        json.WriteNumber("pnl", decimal.Round(pnl, 2));
        json.WriteNumber("m2m", decimal.Round(pnl, 2));
        json.WriteNumber("unrealised", decimal.Round(quantity == 0 ? 0 : (LastPrice - average) * quantity, 2));
        json.WriteNumber("realised", decimal.Round(pnl - (quantity == 0 ? 0 : (LastPrice - average) * quantity), 2));
        json.WriteNumber("buy_quantity", BuyQuantity);
        json.WriteNumber("buy_price", decimal.Round(buyPrice, 4));
        json.WriteNumber("buy_value", BuyValue);
        json.WriteNumber("buy_m2m", BuyValue);
        json.WriteNumber("sell_quantity", SellQuantity);
        json.WriteNumber("sell_price", decimal.Round(sellPrice, 4));
        json.WriteNumber("sell_value", SellValue);
        json.WriteNumber("sell_m2m", SellValue);
        json.WriteNumber("day_buy_quantity", BuyQuantity);
        json.WriteNumber("day_buy_price", decimal.Round(buyPrice, 4));
        json.WriteNumber("day_buy_value", BuyValue);
        json.WriteNumber("day_sell_quantity", SellQuantity);
        json.WriteNumber("day_sell_price", decimal.Round(sellPrice, 4));
        json.WriteNumber("day_sell_value", SellValue);
        json.WriteEndObject();
    }
}
