namespace Engine.Host.Instruments;

/// <summary>What an instrument-master update wrote: the file, its dated copy, the day, and how many instruments by exchange.</summary>
public sealed record InstrumentUpdate(string File, string DatedCopy, DateOnly Day, int Instruments, IReadOnlyDictionary<string, int> ByExchange, long Bytes);
