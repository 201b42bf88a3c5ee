using Engine.Core.Orders;

namespace Engine.Journal.Format;

/// <summary>Parses an order update's JSON into its fields (the Kite project's parser, injected).</summary>
public delegate bool OrderTextParser(ReadOnlySpan<byte> utf8, out OrderUpdate update);
