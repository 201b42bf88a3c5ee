using System.Globalization;
using System.Text;
using Engine.Core.Orders;
using Engine.Kite.Ticker;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Kite;

public sealed class OrderUpdateParserTests
{
    private static readonly string Postback = File.ReadAllText(TestData.PathOf("kite/postback.json"));

    [Fact]
    public void ThePublishedPostbackParsesBareAndInsideATickerOrderFrame()
    {
        foreach (string text in new[] { Postback, $"{{\"type\":\"order\",\"data\":{Postback}}}" })
        {
            Assert.True(OrderUpdateParser.TryParse(Encoding.UTF8.GetBytes(text), out var u));
            Assert.Equal(220303000308932UL, u.OrderId);
            Assert.Equal(1000000001482421UL, u.ExchangeOrderId);
            Assert.Equal(OrderStatus.Complete, u.Status);
            Assert.Equal(Side.Buy, u.Side);
            Assert.Equal(779521u, u.InstrumentToken);
            Assert.Equal(1, u.Quantity);
            Assert.Equal(1, u.FilledQuantity);
            Assert.Equal(0, u.PendingQuantity);
            Assert.Equal(0, u.CancelledQuantity);
            Assert.Equal(0, u.Price);
            Assert.Equal(47000, u.AveragePrice);   // 470 rupees in paise
            Assert.Equal(0, u.TagLength);          // "tag": null
        }
    }

    [Theory]
    [InlineData("{\"type\":\"order\",\"data\":{}}", TextFrameKind.Order)]
    [InlineData("{\"data\":\"x\",\"type\":\"error\"}", TextFrameKind.Error)]
    [InlineData("{\"type\":\"message\",\"data\":\"maintenance at 8pm\"}", TextFrameKind.Message)]
    [InlineData("{\"type\":\"instrument_update\"}", TextFrameKind.Other)]
    [InlineData("{\"type\":", TextFrameKind.Other)]
    [InlineData("not json", TextFrameKind.Other)]
    [InlineData("[1,2]", TextFrameKind.Other)]
    public void TheFrameTypeIsReadWithoutTrustingTheJson(string text, TextFrameKind expected) =>
        Assert.Equal(expected, OrderUpdateParser.ReadKind(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void TagsPricesAndUnknownStatusesAreKept()
    {
        const string text = "{\"order_id\":\"151220000000000\",\"status\":\"SOMETHING NEW\",\"transaction_type\":\"SELL\",\"instrument_token\":408065,\"price\":1573.35,\"trigger_price\":1570,\"tag\":\"mom-INFY-17\",\"meta\":{\"iceberg\":{\"legs\":2}},\"tags\":[\"a\"]}";
        Assert.True(OrderUpdateParser.TryParse(Encoding.UTF8.GetBytes(text), out var u));
        Assert.Equal(OrderStatus.Unknown, u.Status);
        Assert.False(OrderStatuses.IsTerminal(u.Status));
        Assert.Equal(Side.Sell, u.Side);
        Assert.Equal(157335, u.Price);
        Assert.Equal(157000, u.TriggerPrice);
        Assert.Equal("mom-INFY-17", u.TagText);
    }

    [Theory]
    [InlineData("{\"status\":\"OPEN\"}")]
    [InlineData("{\"order_id\":\"12x\"}")]
    [InlineData("{\"order_id\":")]
    [InlineData("")]
    public void WithoutAValidOrderIdThereIsNoUpdate(string text) =>
        Assert.False(OrderUpdateParser.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void EveryKiteStatusRoundTrips()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Unknown))
        {
            Assert.Equal(status, OrderStatuses.Parse(Encoding.ASCII.GetBytes(OrderStatuses.ToKite(status))));
        }

        Assert.Equal(OrderStatus.PutOrderRequestReceived, OrderStatuses.Parse("PUT ORDER REQ RECEIVED"u8));
        Assert.True(OrderStatuses.IsTerminal(OrderStatus.Rejected));
    }

    // A number too large for its field is a malformed update, not an exception: the parser runs on
    // a claimed ring slot, and a throw there would leave the slot unpublished and stop the ring.
    [Theory]
    [InlineData("{\"order_id\":\"1\",\"price\":1e20}")]
    [InlineData("{\"order_id\":\"1\",\"average_price\":7e28}")]
    [InlineData("{\"order_id\":\"1\",\"price\":1e30}")]
    [InlineData("{\"order_id\":\"1\",\"trigger_price\":-1e19}")]
    [InlineData("{\"order_id\":\"1\",\"quantity\":1e25}")]
    [InlineData("{\"order_id\":\"1\",\"filled_quantity\":-9.3e18}")]
    [InlineData("{\"type\":\"order\",\"data\":{\"order_id\":\"1\",\"pending_quantity\":1e30}}")]
    public void ANumberTooLargeForItsFieldIsNoUpdate(string text) =>
        Assert.False(OrderUpdateParser.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void AnyNumberInAnyFieldParsesOrIsRefusedWithoutThrowing()
    {
        string[] fields = ["price", "trigger_price", "average_price", "quantity", "filled_quantity", "pending_quantity", "cancelled_quantity", "instrument_token"];
        var gen = from field in Gen.Elements(fields)
                  from mantissa in Gen.Choose(-999_999, 999_999)
                  from exponent in Gen.Choose(-40, 40)
                  select (field, mantissa, exponent);
        Prop.ForAll(Arb.From(gen), c =>
        {
            string number = string.Create(CultureInfo.InvariantCulture, $"{c.mantissa}e{c.exponent}");
            bool parsed = OrderUpdateParser.TryParse(Encoding.UTF8.GetBytes($"{{\"order_id\":\"7\",\"instrument_token\":408065,\"{c.field}\":{number}}}"), out var update);

            // Whatever fits its field comfortably is read as the number it is.
            decimal value = c.mantissa * (decimal)Math.Pow(10, Math.Clamp(c.exponent, -20, 20));
            if (c.exponent is >= -2 and <= 6 && c.field == "price")
            {
                Assert.True(parsed, number);
                Assert.Equal((long)decimal.Round(value * 100), update.Price);
            }

            if (c.exponent is >= 0 and <= 6 && c.field == "quantity")
            {
                Assert.True(parsed, number);
                Assert.Equal((long)value, update.Quantity);
            }
        }).QuickCheckThrowOnFailure();
    }
}
