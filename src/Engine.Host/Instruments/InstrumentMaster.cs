using System.Globalization;
using Engine.Core.Instruments;
using Engine.Kite.Instruments;
using Engine.Kite.Rest;

namespace Engine.Host.Instruments;

/// <summary>
/// The instrument master: Kite's instruments CSV, fetched (from Kite, or the simulator in sim
/// mode) into the configured file, with a dated copy beside it. The new file replaces the old one
/// only once it has been read back as instruments, so a failed or partial download never leaves
/// the engine without one. Runs keep their own copy of what they trade in the journal, so a replay
/// never depends on the file as it is today.
/// </summary>
public static class InstrumentMaster
{
    /// <summary>Fetches the CSV through <paramref name="client"/> into <paramref name="path"/> (and <c>NAME-YYYY-MM-DD.csv</c> beside it, for <paramref name="day"/>).</summary>
    public static async Task<InstrumentUpdate> UpdateAsync(KiteRestClient client, string path, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var response = await client.GetInstrumentsCsvAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Error is { } error)
        {
            throw new KiteApiException(error);
        }

        string csv = response.Data!;
        IReadOnlyList<Instrument> instruments;
        try
        {
            instruments = KiteInstrumentsCsv.Parse(new StringReader(csv), "the downloaded instruments CSV");
        }
        catch (FormatException ex)
        {
            throw new FormatException($"the broker's instruments CSV cannot be read ({ex.Message}); {path} was left as it was", ex);
        }

        if (instruments.Count == 0)
        {
            throw new FormatException($"the broker's instruments CSV lists no instrument; {path} was left as it was");
        }

        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string dated = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(full)}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{Path.GetExtension(full)}");
        string temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, csv, cancellationToken).ConfigureAwait(false);
        File.Copy(temporary, dated, overwrite: true);
        File.Move(temporary, full, overwrite: true);
        var exchanges = instruments.GroupBy(i => i.Exchange).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
        return new InstrumentUpdate(full, dated, day, instruments.Count, exchanges, response.Body.Length);
    }
}
