using Engine.Journal.Writing;

namespace Engine.Host.Configuration;

/// <summary>Where and how durably the journal is written.</summary>
/// <param name="Folder">The journal folder (absolute).</param>
/// <param name="Durability">When appended records reach the disk.</param>
/// <param name="SegmentBytes">Size at which a segment rolls and is sealed.</param>
public sealed record JournalSettings(string Folder, DurabilityMode Durability, long SegmentBytes);
