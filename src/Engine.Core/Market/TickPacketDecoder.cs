namespace Engine.Core.Market;

/// <summary>
/// Decodes one broker tick packet into a tick in place; false when the packet cannot be decoded
/// (the tick is then not to be used). Kite's decoder is the usual one; the journal and the ticker
/// sink take it as a parameter, so neither depends on the Kite project's internals.
/// </summary>
public delegate bool TickPacketDecoder(ReadOnlySpan<byte> packet, ref Tick tick);
