namespace Engine.Core.Indicators;

/// <summary>
/// An incremental indicator seen generically (by the command line, tests and configuration):
/// one bar in, a fixed set of named outputs, each valid once its own warm-up is over. Strategies
/// hold the concrete types instead and read their properties directly.
/// </summary>
public interface IIndicator
{
    /// <summary>The output field names, as the reference results name them.</summary>
    IReadOnlyList<string> Fields { get; }

    /// <summary>True once every output is valid.</summary>
    bool IsReady { get; }

    /// <summary>Takes one bar; O(1), no allocation.</summary>
    void Update(in Bar bar);

    /// <summary>The value of output <paramref name="field"/>, or false during its warm-up.</summary>
    bool TryGet(int field, out double value);

    /// <summary>Forgets everything, as if new.</summary>
    void Reset();
}
