using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Core.Charges;

/// <summary>
/// The broker's rates for each kind of trade. <see cref="Zerodha"/> holds the published schedule
/// the defaults come from; <c>config/charges.yaml</c> overrides it, and the run records the rates
/// it used, so a replay charges what the live run charged.
/// </summary>
public sealed record ChargeSchedule
{
    /// <summary>Equity intraday (MIS).</summary>
    public required ChargeRates EquityIntraday { get; init; }

    /// <summary>Equity delivery (CNC).</summary>
    public required ChargeRates EquityDelivery { get; init; }

    /// <summary>Futures.</summary>
    public required ChargeRates Futures { get; init; }

    /// <summary>Options.</summary>
    public required ChargeRates Options { get; init; }

    /// <summary>
    /// Zerodha's schedule (zerodha.com/charges) with STT as revised from 1 October 2024 and the
    /// exchanges' transaction charges from the same date; config/charges.yaml says the same.
    /// </summary>
    public static ChargeSchedule Zerodha { get; } = new()
    {
        EquityIntraday = new ChargeRates { BrokeragePercent = 0.03m, BrokerageCapPaise = 2000, SttSellPercent = 0.025m, NseTransactionPercent = 0.00297m, BseTransactionPercent = 0.00375m, SebiRupeesPerCrore = 10m, StampBuyPercent = 0.003m, GstPercent = 18m },
        EquityDelivery = new ChargeRates { SttBuyPercent = 0.1m, SttSellPercent = 0.1m, NseTransactionPercent = 0.00297m, BseTransactionPercent = 0.00375m, SebiRupeesPerCrore = 10m, StampBuyPercent = 0.015m, GstPercent = 18m },
        Futures = new ChargeRates { BrokeragePercent = 0.03m, BrokerageCapPaise = 2000, SttSellPercent = 0.02m, NseTransactionPercent = 0.00173m, BseTransactionPercent = 0m, SebiRupeesPerCrore = 10m, StampBuyPercent = 0.002m, GstPercent = 18m },
        Options = new ChargeRates { BrokerageCapPaise = 2000, SttSellPercent = 0.1m, NseTransactionPercent = 0.03503m, BseTransactionPercent = 0.0325m, SebiRupeesPerCrore = 10m, StampBuyPercent = 0.003m, GstPercent = 18m },
    };

    /// <summary>The rates for <paramref name="category"/>.</summary>
    public ChargeRates this[ChargeCategory category] => category switch
    {
        ChargeCategory.EquityDelivery => EquityDelivery,
        ChargeCategory.Futures => Futures,
        ChargeCategory.Options => Options,
        _ => EquityIntraday,
    };

    /// <summary>The category of a trade in <paramref name="instrument"/> under <paramref name="product"/>.</summary>
    public static ChargeCategory CategoryOf(Instrument instrument, Product product)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.InstrumentType switch
        {
            "FUT" => ChargeCategory.Futures,
            "CE" or "PE" => ChargeCategory.Options,
            _ => product == Product.Mis ? ChargeCategory.EquityIntraday : ChargeCategory.EquityDelivery,
        };
    }
}
