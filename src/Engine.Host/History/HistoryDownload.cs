using System.Diagnostics;
using System.Globalization;
using Engine.Core.Instruments;
using Engine.Kite.Rest;

namespace Engine.Host.History;

/// <summary>
/// <c>engine history</c>: Kite's historical candles for one instrument and interval over a range,
/// fetched in the longest pieces Kite allows per request (minute 60 days, 3/5/10-minute 100,
/// 15/30-minute 200, 60-minute 400, day 2000), no more than three requests a second (a refusal
/// for the rate waits a second and asks again), and merged into a local cache file per
/// instrument and interval in the reference quotes format (<c>date,open,high,low,close,volume</c>,
/// IST), one row per candle however often the range is fetched again.
/// </summary>
public static class HistoryDownload
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(340);

    /// <summary>The cache file for <paramref name="instrument"/> at <paramref name="interval"/> under <paramref name="cache"/>.</summary>
    public static string CacheFile(string cache, Instrument instrument, string interval) =>
        Path.Combine(cache, $"{instrument.Exchange}-{instrument.TradingSymbol}-{interval}.csv".Replace(' ', '_'));

    /// <summary>Fetches <paramref name="from"/> to <paramref name="until"/> (IST days, inclusive) into the cache; <paramref name="progress"/> hears each piece done of how many.</summary>
    public static async Task<HistoryUpdate> RunAsync(KiteRestClient client, Instrument instrument, string interval, DateOnly from, DateOnly until, string cache, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instrument);
        if (!KiteHistoricalIntervals.All.TryGetValue(interval, out var spec))
        {
            throw new FormatException($"--interval: '{interval}' is not one of {string.Join(", ", KiteHistoricalIntervals.All.Keys)}");
        }

        int maxDays = spec.MaxDays;

        if (until < from)
        {
            throw new FormatException($"--until {until:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}");
        }

        var pieces = new List<(DateTime From, DateTime To)>();
        for (var day = from; day <= until; day = day.AddDays(maxDays))
        {
            var last = day.AddDays(maxDays - 1) < until ? day.AddDays(maxDays - 1) : until;
            pieces.Add((day.ToDateTime(TimeOnly.MinValue), last.ToDateTime(new TimeOnly(23, 59, 59))));
        }

        string file = CacheFile(cache, instrument, interval);
        var rows = Read(file);
        int before = rows.Count;
        long requests = 0, rateLimited = 0;
        var spacing = Stopwatch.StartNew();
        for (int i = 0; i < pieces.Count; i++)
        {
            for (int attempt = 0; ; attempt++)
            {
                var wait = Spacing - spacing.Elapsed;
                if (wait > TimeSpan.Zero && requests > 0)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                spacing.Restart();
                requests++;
                var answer = await client.GetHistoricalAsync(instrument.InstrumentToken, interval, pieces[i].From, pieces[i].To, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (answer.Error is { HttpStatus: 429 } && attempt < 5)
                {
                    rateLimited++;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (answer.Error is { } error)
                {
                    throw new KiteApiException(error);
                }

                foreach (var candle in answer.Data!)
                {
                    rows[candle.Time.ToOffset(TimeSpan.FromMinutes(330)).DateTime] = candle;
                }

                break;
            }

            progress?.Invoke(i + 1, pieces.Count);
        }

        Directory.CreateDirectory(cache);
        string temporary = file + ".tmp";
        await using (var writer = new StreamWriter(temporary))
        {
            await writer.WriteLineAsync("date,open,high,low,close,volume").ConfigureAwait(false);
            foreach (var (time, c) in rows.OrderBy(r => r.Key))
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}")).ConfigureAwait(false);
            }
        }

        File.Move(temporary, file, overwrite: true);
        return new HistoryUpdate(file, pieces.Count, requests, rateLimited, rows.Count, rows.Count - before);
    }

    private static Dictionary<DateTime, KiteCandle> Read(string file)
    {
        var rows = new Dictionary<DateTime, KiteCandle>();
        if (!File.Exists(file))
        {
            return rows;
        }

        foreach (string line in File.ReadLines(file).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length >= 6 && DateTime.TryParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                var at = new DateTimeOffset(time, TimeSpan.FromMinutes(330));
                rows[time] = new KiteCandle(at, decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture), decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture), long.Parse(f[5], CultureInfo.InvariantCulture), 0);
            }
        }

        return rows;
    }
}
