using System.Globalization;
using System.Text.Json.Serialization;
using Engine.Core.Charges;
using Engine.Core.Orders;
using Engine.Core.Time;

namespace Engine.Host.Reports;

/// <summary>
/// A journal's performance as quants quote it. Returns come from the equity the risk engine
/// journaled (capital plus net P&amp;L, marks included) at every snapshot; daily figures from the last
/// equity of each trading day (IST). Sharpe and Sortino are annualised by √252 from daily returns
/// less the stated risk-free rate (per day: the annual rate / 252), and need two trading days or
/// more. Trade figures come from round trips rebuilt from the fills. Money in rupees.
/// </summary>
public sealed record PerformanceReport
{
    /// <summary>The journal.</summary>
    [JsonPropertyName("journal")] public required string Journal { get; init; }

    /// <summary>Runs in it.</summary>
    [JsonPropertyName("runs")] public int Runs { get; init; }

    /// <summary>First and last market time reported on (ISO 8601, IST).</summary>
    [JsonPropertyName("from")] public string? From { get; init; }

    /// <summary>The last market time.</summary>
    [JsonPropertyName("until")] public string? Until { get; init; }

    /// <summary>Trading days with equity.</summary>
    [JsonPropertyName("trading_days")] public int TradingDays { get; init; }

    /// <summary>The capital at the start.</summary>
    [JsonPropertyName("capital")] public decimal Capital { get; init; }

    /// <summary>The last equity.</summary>
    [JsonPropertyName("final_equity")] public decimal FinalEquity { get; init; }

    /// <summary>Final equity over capital, less one.</summary>
    [JsonPropertyName("total_return")] public double TotalReturn { get; init; }

    /// <summary>The total return compounded to 252 trading days.</summary>
    [JsonPropertyName("annualised_return")] public double AnnualisedReturn { get; init; }

    /// <summary>The annual risk-free rate used, as a fraction.</summary>
    [JsonPropertyName("risk_free_rate")] public double RiskFreeRate { get; init; }

    /// <summary>Annualised Sharpe ratio of daily returns (null with fewer than two days, or no variation).</summary>
    [JsonPropertyName("sharpe")] public double? Sharpe { get; init; }

    /// <summary>Annualised Sortino ratio (downside deviation of daily returns below the risk-free rate).</summary>
    [JsonPropertyName("sortino")] public double? Sortino { get; init; }

    /// <summary>The largest fall from a high, as a fraction of the high.</summary>
    [JsonPropertyName("max_drawdown")] public double MaxDrawdown { get; init; }

    /// <summary>The longest time below a previous high, market seconds.</summary>
    [JsonPropertyName("max_drawdown_seconds")] public double MaxDrawdownSeconds { get; init; }

    /// <summary>Annualised return over the maximum drawdown (null without a drawdown).</summary>
    [JsonPropertyName("calmar")] public double? Calmar { get; init; }

    /// <summary>Round trips.</summary>
    [JsonPropertyName("trades")] public int TradeCount { get; init; }

    /// <summary>Share of round trips with a positive net P&amp;L.</summary>
    [JsonPropertyName("win_rate")] public double WinRate { get; init; }

    /// <summary>Winning net P&amp;L over losing (null without a loss).</summary>
    [JsonPropertyName("profit_factor")] public double? ProfitFactor { get; init; }

    /// <summary>Mean net P&amp;L per round trip.</summary>
    [JsonPropertyName("expectancy")] public decimal Expectancy { get; init; }

    /// <summary>Mean net P&amp;L of the winners.</summary>
    [JsonPropertyName("average_win")] public decimal AverageWin { get; init; }

    /// <summary>Mean net P&amp;L of the losers (negative).</summary>
    [JsonPropertyName("average_loss")] public decimal AverageLoss { get; init; }

    /// <summary>Share of the reported time with a position open.</summary>
    [JsonPropertyName("exposure")] public double Exposure { get; init; }

    /// <summary>Value traded (both ways) over capital.</summary>
    [JsonPropertyName("turnover")] public double Turnover { get; init; }

    /// <summary>Charges on the round trips (the schedule's, brokerage per fill).</summary>
    [JsonPropertyName("charges")] public decimal Charges { get; init; }

    /// <summary>Per strategy.</summary>
    [JsonPropertyName("by_strategy")] public required IReadOnlyList<ReportBreakdown> ByStrategy { get; init; }

    /// <summary>Per symbol.</summary>
    [JsonPropertyName("by_symbol")] public required IReadOnlyList<ReportBreakdown> BySymbol { get; init; }

    /// <summary>Every round trip, in exit order.</summary>
    [JsonPropertyName("trade_list")] public required IReadOnlyList<ReportTrade> Trades { get; init; }

    /// <summary>The equity curve (market time, rupees).</summary>
    [JsonIgnore] public IReadOnlyList<EquityPoint> EquityCurve { get; init; } = [];

    /// <summary>Builds the report from <paramref name="history"/> with an annual risk-free rate of <paramref name="riskFreeRate"/> (a fraction).</summary>
    public static PerformanceReport Of(JournalHistory history, double riskFreeRate = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        decimal capital = history.CapitalPaise / 100m;
        var trades = RoundTrips(history);
        var curve = history.Equity.Count > 0 ? history.Equity : EquityAtExits(trades, capital);

        var days = curve.GroupBy(p => DayOf(p.AtNs)).OrderBy(g => g.Key).Select(g => (double)g.Last().Equity).ToList();
        var daily = new List<double>();
        double previous = (double)capital;
        foreach (double close in days)
        {
            daily.Add(previous == 0 ? 0 : (close / previous) - 1);
            previous = close;
        }

        decimal final = curve.Count > 0 ? curve[^1].Equity : capital;
        double total = capital == 0 ? 0 : (double)(final / capital) - 1;
        double annualised = days.Count == 0 ? 0 : Math.Pow(1 + total, 252.0 / days.Count) - 1;
        double rfDaily = riskFreeRate / 252;
        double? sharpe = null, sortino = null;
        if (daily.Count >= 2)
        {
            double mean = daily.Average() - rfDaily;
            double sd = Math.Sqrt(daily.Sum(r => Math.Pow(r - daily.Average(), 2)) / (daily.Count - 1));
            double downside = Math.Sqrt(daily.Sum(r => Math.Pow(Math.Min(0, r - rfDaily), 2)) / daily.Count);
            sharpe = sd > 0 ? mean / sd * Math.Sqrt(252) : null;
            sortino = downside > 0 ? mean / downside * Math.Sqrt(252) : null;
        }

        var (drawdown, drawdownSeconds) = Drawdown(curve, capital);
        var winners = trades.Where(t => t.NetPnl > 0).ToList();
        var losers = trades.Where(t => t.NetPnl < 0).ToList();
        decimal lost = -losers.Sum(t => t.NetPnl);
        var times = trades.SelectMany(t => new[] { t.EntryNs, t.ExitNs }).Concat(curve.Select(p => p.AtNs)).ToList();
        long from = times.Count > 0 ? times.Min() : 0;
        long until = times.Count > 0 ? times.Max() : 0;
        return new PerformanceReport
        {
            Journal = history.Journal,
            Runs = history.Runs,
            From = from == 0 ? null : Iso(from),
            Until = until == 0 ? null : Iso(until),
            TradingDays = days.Count,
            Capital = capital,
            FinalEquity = final,
            TotalReturn = total,
            AnnualisedReturn = annualised,
            RiskFreeRate = riskFreeRate,
            Sharpe = sharpe,
            Sortino = sortino,
            MaxDrawdown = drawdown,
            MaxDrawdownSeconds = drawdownSeconds,
            Calmar = drawdown > 0 ? annualised / drawdown : null,
            TradeCount = trades.Count,
            WinRate = trades.Count == 0 ? 0 : winners.Count / (double)trades.Count,
            ProfitFactor = lost == 0 ? null : (double)(winners.Sum(t => t.NetPnl) / lost),
            Expectancy = trades.Count == 0 ? 0 : trades.Average(t => t.NetPnl),
            AverageWin = winners.Count == 0 ? 0 : winners.Average(t => t.NetPnl),
            AverageLoss = losers.Count == 0 ? 0 : losers.Average(t => t.NetPnl),
            Exposure = ExposureOf(trades, from, until),
            Turnover = capital == 0 ? 0 : (double)(trades.Sum(t => t.Turnover) / capital),
            Charges = trades.Sum(t => t.Charges),
            ByStrategy = [.. trades.GroupBy(t => t.Strategy).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ReportBreakdown.Of(g.Key, [.. g]))],
            BySymbol = [.. trades.GroupBy(t => t.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ReportBreakdown.Of(g.Key, [.. g]))],
            Trades = trades,
            EquityCurve = curve,
        };
    }

    /// <summary>Round trips from the fills: per instrument and product, from flat to flat; a fill through zero closes one and opens the next.</summary>
    public static List<ReportTrade> RoundTrips(JournalHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var open = new Dictionary<(uint, Product), OpenTrip>();
        var trades = new List<ReportTrade>();
        foreach (var fill in history.Fills)
        {
            var key = (fill.InstrumentToken, fill.Product);
            long remaining = fill.Quantity;
            while (remaining > 0)
            {
                if (!open.TryGetValue(key, out var trip))
                {
                    trip = new OpenTrip { Side = fill.Side, EntryNs = fill.AtNs, EntryInput = fill.InputSequence, Strategy = fill.Strategy };
                    open[key] = trip;
                }

                long signed = fill.Side == Side.Buy ? 1 : -1;
                bool adding = trip.Net == 0 || Math.Sign(trip.Net) == signed;
                long quantity = adding ? remaining : Math.Min(remaining, Math.Abs(trip.Net));
                trip.Add(fill.Side, quantity, fill.Price, history, fill.InstrumentToken, fill.Product);
                remaining -= quantity;
                if (trip.Net == 0)
                {
                    trades.Add(trip.Close(fill, history));
                    open.Remove(key);
                }
            }
        }

        return trades;
    }

    // A journal without risk snapshots (written before them): equity steps at each round trip's exit.
    private static List<EquityPoint> EquityAtExits(List<ReportTrade> trades, decimal capital)
    {
        var curve = new List<EquityPoint>(trades.Count);
        decimal equity = capital;
        foreach (var trade in trades)
        {
            equity += trade.NetPnl;
            curve.Add(new EquityPoint(trade.ExitNs, equity));
        }

        return curve;
    }

    private static (double Fraction, double Seconds) Drawdown(IReadOnlyList<EquityPoint> curve, decimal capital)
    {
        double worst = 0, longest = 0;
        decimal peak = capital;
        long peakAt = curve.Count > 0 ? curve[0].AtNs : 0;
        foreach (var point in curve)
        {
            if (point.Equity >= peak)
            {
                longest = Math.Max(longest, (point.AtNs - peakAt) / 1e9);
                peak = point.Equity;
                peakAt = point.AtNs;
                continue;
            }

            worst = Math.Max(worst, peak == 0 ? 0 : (double)((peak - point.Equity) / peak));
        }

        if (curve.Count > 0 && curve[^1].Equity < peak)
        {
            longest = Math.Max(longest, (curve[^1].AtNs - peakAt) / 1e9);
        }

        return (worst, longest);
    }

    private static double ExposureOf(List<ReportTrade> trades, long from, long until)
    {
        if (until <= from || trades.Count == 0)
        {
            return 0;
        }

        long covered = 0, reach = long.MinValue;
        foreach (var t in trades.OrderBy(t => t.EntryNs))
        {
            long start = Math.Max(t.EntryNs, reach);
            if (t.ExitNs > start)
            {
                covered += t.ExitNs - start;
            }

            reach = Math.Max(reach, t.ExitNs);
        }

        return Math.Min(1, covered / (double)(until - from));
    }

    private static DateOnly DayOf(long ns) => DateOnly.FromDateTime(UnixTime.ToIst(ns).DateTime);

    internal static string Iso(long ns) => UnixTime.ToIst(ns).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private sealed class OpenTrip
    {
        public Side Side;
        public long Net;
        public long MaxQuantity;
        public long BuyQuantity;
        public long BuyValue;
        public long SellQuantity;
        public long SellValue;
        public long Brokerage;
        public long EntryNs;
        public long EntryInput;
        public string Strategy = "";

        public void Add(Side side, long quantity, long price, JournalHistory history, uint token, Product product)
        {
            if (side == Side.Buy)
            {
                BuyQuantity += quantity;
                BuyValue += quantity * price;
                Net += quantity;
            }
            else
            {
                SellQuantity += quantity;
                SellValue += quantity * price;
                Net -= quantity;
            }

            MaxQuantity = Math.Max(MaxQuantity, Math.Abs(Net));
            Brokerage += RatesOf(history, token, product).BrokerageOn(quantity * price);
        }

        public ReportTrade Close(ReportFill exit, JournalHistory history)
        {
            bool known = history.Instruments.TryGetValue(exit.InstrumentToken, out var instrument);
            decimal divisor = known ? instrument!.PriceDivisor : 100;
            var rates = RatesOf(history, exit.InstrumentToken, exit.Product);
            bool bse = known && instrument!.Exchange is "BSE" or "BFO";
            decimal charges = ChargeCalculator.Compute(rates, bse, BuyValue, SellValue, Brokerage).Total / divisor;
            decimal gross = (SellValue - BuyValue) / divisor;
            bool isLong = Side == Side.Buy;
            return new ReportTrade
            {
                Instrument = known ? instrument!.Key : exit.InstrumentToken.ToString(CultureInfo.InvariantCulture),
                Product = exit.Product.ToString().ToLowerInvariant(),
                Strategy = Strategy,
                Direction = isLong ? "long" : "short",
                Quantity = MaxQuantity,
                EntryTime = Iso(EntryNs),
                ExitTime = Iso(exit.AtNs),
                EntryPrice = (isLong ? BuyValue / (decimal)BuyQuantity : SellValue / (decimal)SellQuantity) / divisor,
                ExitPrice = (isLong ? SellValue / (decimal)SellQuantity : BuyValue / (decimal)BuyQuantity) / divisor,
                GrossPnl = gross,
                Charges = charges,
                NetPnl = gross - charges,
                HeldSeconds = (exit.AtNs - EntryNs) / 1e9,
                EntryInput = EntryInput,
                ExitInput = exit.InputSequence,
                EntryNs = EntryNs,
                ExitNs = exit.AtNs,
                Turnover = (BuyValue + SellValue) / divisor,
            };
        }

        private static ChargeRates RatesOf(JournalHistory history, uint token, Product product) =>
            history.Instruments.TryGetValue(token, out var instrument)
                ? history.Charges[ChargeSchedule.CategoryOf(instrument, product)]
                : history.Charges[product == Product.Mis ? ChargeCategory.EquityIntraday : ChargeCategory.EquityDelivery];
    }
}
