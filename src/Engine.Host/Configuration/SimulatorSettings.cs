namespace Engine.Host.Configuration;

/// <summary>The market clock of a sim run and the in-process simulator's market.</summary>
/// <param name="Seed">The random walk's seed.</param>
/// <param name="TicksPerSecond">Ticks per instrument per wall second.</param>
/// <param name="Speed">Market seconds per wall second.</param>
/// <param name="MarketStart">The IST time the market clock starts at, on the latest trading day.</param>
public sealed record SimulatorSettings(ulong Seed, double TicksPerSecond, double Speed, TimeOnly MarketStart);
