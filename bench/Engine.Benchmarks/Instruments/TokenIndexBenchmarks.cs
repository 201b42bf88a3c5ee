using BenchmarkDotNet.Attributes;
using Engine.Core.Instruments;

namespace Engine.Benchmarks.Instruments;

/// <summary>
/// A token's dense index looked up as the decision thread does on every tick, from the token
/// index and, as the baseline in the same run, from a <see cref="Dictionary{TKey, TValue}"/>
/// holding the same tokens. Kite-like tokens (a shared low segment byte), visited in a shuffled
/// order so that neither side gets to predict the next slot.
/// </summary>
public class TokenIndexBenchmarks
{
    private const int LookUps = 4_096;
    private readonly TokenIndex _index = new();
    private readonly Dictionary<uint, int> _dictionary = [];
    private uint[] _visits = [];

    /// <summary>Instruments in the table.</summary>
    [Params(50, 2_000)]
    public int Instruments { get; set; }

    /// <summary>Fills both tables and draws the visits.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        var random = new Random(7);
        var tokens = Enumerable.Range(0, Instruments).Select(i => ((uint)random.Next(1, 5_000_000) << 8) | 1u).Distinct().ToArray();
        foreach (uint token in tokens)
        {
            _dictionary[token] = _index.GetOrAdd(token);
        }

        _visits = Enumerable.Range(0, LookUps).Select(_ => tokens[random.Next(tokens.Length)]).ToArray();
    }

    /// <summary>The baseline: the dictionary.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = LookUps)]
    public int Dictionary()
    {
        int sum = 0;
        foreach (uint token in _visits)
        {
            sum += _dictionary.TryGetValue(token, out int i) ? i : -1;
        }

        return sum;
    }

    /// <summary>The token index.</summary>
    [Benchmark(OperationsPerInvoke = LookUps)]
    public int Index()
    {
        int sum = 0;
        foreach (uint token in _visits)
        {
            sum += _index.IndexOf(token);
        }

        return sum;
    }
}
