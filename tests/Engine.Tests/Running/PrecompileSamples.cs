using System.Runtime.CompilerServices;

// Types nothing else in the test run calls, so their methods are compiled only by the test that asks.
namespace Engine.Tests.Running.PrecompileSamples;

internal sealed class Sample
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Sum(long a, long b) => a + b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Twice(int x) => x * 2;

    public override string ToString() => "a virtual method";

    public static T Open<T>(T value) => value;
}

internal abstract class Named
{
    public abstract string Name { get; }
}

internal sealed class Holder : Named
{
    public override string Name => "holder";

    public int Get() => 42;
}
