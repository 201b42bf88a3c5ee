namespace Engine.Host.Admin;

/// <summary>What an operator's new rule set became: the JSON the command carries into the ring, or the problems that refused it.</summary>
/// <param name="Json">The rule set as the journal keeps it; null when refused.</param>
/// <param name="Version">The rule set's version.</param>
/// <param name="Problems">Why it was refused, each located by line and column.</param>
public sealed record RuleSetChange(byte[]? Json, int Version, IReadOnlyList<string> Problems);
