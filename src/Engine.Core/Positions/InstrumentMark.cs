namespace Engine.Core.Positions;

/// <summary>An instrument's last traded price and previous close as the ticks left them (wire units), kept across a restart so the price rules and marks have them before the first tick.</summary>
public readonly record struct InstrumentMark(uint InstrumentToken, long LastPrice, long PreviousClose);
