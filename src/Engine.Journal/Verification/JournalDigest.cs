using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Journal.Archiving;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Journal.Verification;

/// <summary>
/// Tamper evidence outside the journal. The hash chain links each segment to the one before it,
/// but nothing in the journal fixes its head: whoever can write the folder can rewrite the last
/// segment, or the whole chain, with valid CRCs and links. So at every seal the engine appends the
/// segment's SHA-256 to a digest file, each line signed with HMAC-SHA256 under an operator key
/// kept in a 0600 file (one line: <c>{json}\t{hex signature}</c>), and <see cref="Verify"/> proves a
/// journal is the one the digest vouched for. Without the key, no line can be forged or changed.
/// </summary>
public static class JournalDigest
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>Reads the key in <paramref name="keyFile"/> (64 hex digits), making it (0600, random) if the file does not exist; refuses a key group or others can read.</summary>
    public static byte[] LoadOrCreateKey(string keyFile)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        if (!File.Exists(keyFile))
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(keyFile));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(keyFile, Encoding.ASCII, options);
            writer.WriteLine(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }

        return LoadKey(keyFile);
    }

    /// <summary>Reads the key in <paramref name="keyFile"/>; refuses a missing, malformed or group- or world-readable one.</summary>
    public static byte[] LoadKey(string keyFile)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        if (!File.Exists(keyFile))
        {
            throw new FileNotFoundException($"digest key {keyFile} does not exist", keyFile);
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyFile) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UnauthorizedAccessException($"digest key {keyFile} can be read or written by others than its owner: chmod 600 {keyFile}");
        }

        string text = File.ReadAllText(keyFile).Trim();
        if (text.Length < 32 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"digest key {keyFile} must hold at least 16 bytes as hex digits (it holds {text.Length} characters)");
        }

        return Convert.FromHexString(text);
    }

    /// <summary>Appends one signed head to <paramref name="digestFile"/> (made 0600 if new), and flushes it to disk.</summary>
    public static void Append(string digestFile, ReadOnlySpan<byte> key, DigestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(digestFile);
        ArgumentNullException.ThrowIfNull(entry);
        string line = Line(key, entry);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows() && !File.Exists(digestFile))
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(digestFile, options);
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The signed line for <paramref name="entry"/>.</summary>
    public static string Line(ReadOnlySpan<byte> key, DigestEntry entry)
    {
        string json = JsonSerializer.Serialize(entry, Json);
        return json + "\t" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// Checks <paramref name="journalFolder"/> against <paramref name="digestFile"/>: every line's
    /// signature under <paramref name="key"/>, and every segment a line vouches for (in the folder,
    /// or recorded by the archive manifest) still hashing to what it vouched. A sealed segment after
    /// the last vouched one is an error too (the digest would have had it); an active segment
    /// after it (a run still going, or one that crashed) is a warning.
    /// </summary>
    public static DigestCheck Verify(string journalFolder, string digestFile, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(journalFolder);
        ArgumentNullException.ThrowIfNull(digestFile);
        var errors = new List<string>();
        var warnings = new List<string>();
        var entries = new List<DigestEntry>();
        string[] lines = File.ReadAllLines(digestFile);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            int tab = lines[i].LastIndexOf('\t');
            if (tab < 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"digest line {i + 1}: no signature"));
                continue;
            }

            string json = lines[i][..tab];
            byte[] expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(json));
            byte[] stated;
            try
            {
                stated = Convert.FromHexString(lines[i][(tab + 1)..]);
            }
            catch (FormatException)
            {
                stated = [];
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, stated))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"digest line {i + 1}: the signature does not match: the line was altered, or not signed with this key"));
                continue;
            }

            entries.Add(JsonSerializer.Deserialize<DigestEntry>(json, Json)!);
        }

        var segments = JournalReader.Open(journalFolder).Segments.ToDictionary(s => s.Number);
        var archived = ArchiveManifest.Load(journalFolder).ToDictionary(a => a.Segment);
        var hashes = new Dictionary<ulong, (string Sha256, Guid? JournalId)>();
        foreach (var entry in entries)
        {
            if (!hashes.TryGetValue(entry.Segment, out var actual))
            {
                if (segments.TryGetValue(entry.Segment, out var file))
                {
                    try
                    {
                        var content = SegmentContent.Load(file);
                        actual = (Convert.ToHexStringLower(content.ContentSha256()), content.Header?.JournalId);
                    }
                    catch (InvalidDataException ex)
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {entry.Segment}: cannot be read ({ex.Message}); the digest vouched for it on {entry.SealedAt:u}"));
                        continue;
                    }
                }
                else if (archived.TryGetValue(entry.Segment, out var moved))
                {
                    actual = (moved.Sha256.ToLowerInvariant(), moved.JournalId);
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"segment {entry.Segment} was archived: checked against the archive manifest's hash (verify the archive itself with --archive)"));
                }
                else
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {entry.Segment} is missing: the digest vouched for it (sha256 {entry.Sha256}) on {entry.SealedAt:u}"));
                    continue;
                }

                hashes[entry.Segment] = actual;
            }

            if (actual.JournalId is { } id && id != entry.JournalId)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {entry.Segment} belongs to journal {id}, the digest vouched for journal {entry.JournalId}"));
            }
            else if (!string.Equals(actual.Sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {entry.Segment} hashes to {actual.Sha256}, but the digest vouched for {entry.Sha256} when it was sealed on {entry.SealedAt:u}: it was rewritten"));
            }
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add($"digest {digestFile} vouches for nothing");
        }

        var last = entries.Count > 0 ? entries.MaxBy(e => e.Segment) : null;
        foreach (var file in segments.Values.Where(s => last is null || s.Number > last.Segment).OrderBy(s => s.Number))
        {
            if (file.Sealed)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"segment {file.Number} is sealed but the digest never vouched for it (the digest ends at segment {last?.Segment}): it was added afterwards, or the digest was cut short"));
            }
            else
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"segment {file.Number} is still active (a run in progress, or one that stopped without sealing): the digest covers it once it is sealed"));
            }
        }

        return new DigestCheck(errors, warnings, entries.Count, last);
    }
}
