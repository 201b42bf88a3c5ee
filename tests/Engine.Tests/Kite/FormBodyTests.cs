using System.Globalization;
using Engine.Kite.Rest;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Kite;

/// <summary>
/// The order gateway's form bodies against the framework's own <see cref="FormUrlEncodedContent"/>,
/// the reference for what a form body is: the same bytes and media type for any fields, and an
/// order's fields the same as the pairs that content was built from before.
/// </summary>
public sealed class FormBodyTests
{
    // Letters, digits, the characters a form escapes, non-ASCII ones, pairs of surrogates and lone ones.
    private static readonly Gen<string> Text =
        Gen.OneOf(
                Gen.Elements("abcXYZ019-._~ +&=%?/#:;,@!$'()*[]\"\\\t\n".ToCharArray()),
                Gen.Elements('é', 'ß', 'न', '₹', '中', '\u00A0', '\uD800', '\uDFFF'),
                Gen.Constant('\uD83D').Select(_ => '\uD83D'))
            .ArrayOf()
            .Select(chars => new string(chars))
            .Select(s => s.Replace("\uD83D", "\uD83D\uDE00", StringComparison.Ordinal));

    [Fact]
    public void AnyFieldsEncodeAsTheFrameworksFormContentDoes()
    {
        var fields = Gen.Zip(Text, Text).ArrayOf();
        Prop.ForAll(Arb.From(fields), pairs =>
        {
            var body = new FormBody();
            foreach (var (key, value) in pairs)
            {
                body.Add(key, value);
            }

            using var reference = new FormUrlEncodedContent(pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)));
            using var content = body.ToContent();
            Assert.Equal(reference.ReadAsByteArrayAsync().Result, body.Bytes.ToArray());
            Assert.Equal(reference.ReadAsByteArrayAsync().Result, content.ReadAsByteArrayAsync().Result);
            Assert.Equal(reference.Headers.ContentType!.ToString(), content.Headers.ContentType!.ToString());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void NumbersAreWrittenInInvariantDigitsAndNullsAreLeftOut()
    {
        var numbers = Gen.Zip(ArbMap.Default.GeneratorFor<long>(), ArbMap.Default.GeneratorFor<decimal>());
        Prop.ForAll(Arb.From(numbers), n =>
        {
            var body = new FormBody().Add("q", (long?)n.Item1).Add("skipped", (string?)null).Add("p", (decimal?)n.Item2).Add("none", (long?)null).Add("nor", (decimal?)null);
            using var reference = new FormUrlEncodedContent([new("q", n.Item1.ToString(CultureInfo.InvariantCulture)), new("p", n.Item2.ToString(CultureInfo.InvariantCulture))]);
            Assert.Equal(reference.ReadAsByteArrayAsync().Result, body.Bytes.ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnOrdersFieldsAreEveryFieldSetInKitesNamesAndOrder()
    {
        var order = new KiteOrderParameters
        {
            Exchange = "NSE",
            TradingSymbol = "M&M",
            TransactionType = "BUY",
            OrderType = "SL",
            Quantity = 25,
            Product = "MIS",
            Price = 1234.55m,
            TriggerPrice = 1230.05m,
            DisclosedQuantity = 5,
            Validity = "TTL",
            ValidityTtl = 3,
            MarketProtection = -1,
            Tag = "71",
        };

        Assert.Equal(
            "exchange=NSE&tradingsymbol=M%26M&transaction_type=BUY&order_type=SL&quantity=25&product=MIS&price=1234.55&trigger_price=1230.05&disclosed_quantity=5&validity=TTL&validity_ttl=3&market_protection=-1&tag=71",
            System.Text.Encoding.ASCII.GetString(order.ToFormBody().Bytes));
        Assert.Equal("order_type=MARKET", System.Text.Encoding.ASCII.GetString(new KiteOrderParameters { OrderType = "MARKET" }.ToFormBody().Bytes));
    }
}
