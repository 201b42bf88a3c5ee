namespace Engine.Host.History;

/// <summary>What a history download did: the cache file, the pieces and requests it took (and how many the rate refused), the candles the file now holds and how many were new.</summary>
public sealed record HistoryUpdate(string File, int Pieces, long Requests, long RateLimited, int Candles, int Added);
