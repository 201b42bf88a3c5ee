namespace Engine.Ring;

/// <summary>Where one consumer runs: its thread, the core it asked for, whether pinning worked, and what it waits on.</summary>
/// <param name="ConsumerName">The consumer (a handler name, or fused names joined by '+').</param>
/// <param name="ThreadName">The OS thread name.</param>
/// <param name="RequestedCore">The core asked for, or null for "let the OS schedule".</param>
/// <param name="Pinned">True when the thread is pinned to <paramref name="RequestedCore"/>.</param>
/// <param name="GatesOn">The consumers it waits for; empty when it reads straight behind the producer.</param>
public sealed record ThreadPlacement(string ConsumerName, string ThreadName, int? RequestedCore, bool Pinned, IReadOnlyList<string> GatesOn);
