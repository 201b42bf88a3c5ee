using Engine.Journal.Writing;

namespace Engine.Host.Configuration;

/// <summary>Where and how durably the journal is written.</summary>
/// <param name="Folder">The journal folder (absolute).</param>
/// <param name="Durability">When appended records reach the disk.</param>
/// <param name="SegmentBytes">Size at which a segment rolls and is sealed.</param>
/// <param name="DigestFile">Where each sealed segment's signed head hash is appended (null: beside the folder, <c>FOLDER.digest</c>).</param>
/// <param name="DigestKeyFile">The operator's HMAC key (0600; made at the first start if missing).</param>
/// <param name="Latency">Stamp every input at each stage and keep the stamps in latency records (read with <c>journal latency</c>).</param>
public sealed record JournalSettings(string Folder, DurabilityMode Durability, long SegmentBytes, string? DigestFile = null, string? DigestKeyFile = null, bool Latency = false)
{
    /// <summary>The digest file in force: the configured one, or <c>FOLDER.digest</c> beside the folder.</summary>
    public string DigestPath => DigestFile ?? Path.TrimEndingDirectorySeparator(Folder) + ".digest";
}
