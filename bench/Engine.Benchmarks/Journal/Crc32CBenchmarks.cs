using System.Buffers.Binary;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using Engine.Journal.Format;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// The record CRC against one CRC instruction stream (the baseline, measured in the same run), at
/// a quote record's, a full tick record's and a larger size. Each call starts from the state the
/// one before left, as consecutive records' checks do in a replay, so the figure is the
/// latency the pipeline waits for rather than the throughput of overlapped calls.
/// </summary>
public class Crc32CBenchmarks
{
    private const int Calls = 1024;
    private byte[] _data = [];

    /// <summary>Bytes checked per call.</summary>
    [Params(76, 212, 1024)]
    public int Bytes { get; set; }

    /// <summary>Random bytes, enough for each call to read its own stretch.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _data = new byte[(Calls * 216) + 2048];
        new Random(7).NextBytes(_data);
    }

    /// <summary>One stream, 8 bytes a step: the journal's CRC before the three streams.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public uint OneStream()
    {
        uint state = ~0u;
        for (int i = 0; i < Calls; i++)
        {
            ReadOnlySpan<byte> data = _data.AsSpan(i * 216, Bytes);
            while (data.Length >= 8)
            {
                state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            foreach (byte b in data)
            {
                state = BitOperations.Crc32C(state, b);
            }
        }

        return state;
    }

    /// <summary><see cref="Crc32C.Append"/>: three streams over each 192-byte block.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public uint ThreeStreams()
    {
        uint state = ~0u;
        for (int i = 0; i < Calls; i++)
        {
            state = Crc32C.Append(state, _data.AsSpan(i * 216, Bytes));
        }

        return state;
    }
}
