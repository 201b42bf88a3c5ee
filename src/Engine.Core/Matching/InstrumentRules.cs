namespace Engine.Core.Matching;

/// <summary>What an exchange checks an order against, per instrument. Prices in wire units; 0 means "no such limit".</summary>
/// <param name="TickSize">Prices must be multiples of it.</param>
/// <param name="LotSize">Quantities must be multiples of it.</param>
/// <param name="FreezeQuantity">The most one order may ask for (F&amp;O freeze limits).</param>
/// <param name="LowerCircuit">The day's lowest allowed price.</param>
/// <param name="UpperCircuit">The day's highest allowed price.</param>
/// <param name="PriceDivisor">Wire units per rupee (100 for paise), so refusals can name prices as a trader reads them.</param>
public readonly record struct InstrumentRules(long TickSize, int LotSize, long FreezeQuantity, long LowerCircuit, long UpperCircuit, int PriceDivisor = 100);
