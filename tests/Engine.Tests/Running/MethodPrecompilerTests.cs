using System.Runtime.CompilerServices;
using Engine.Host.Running;
using Engine.Tests.Running.PrecompileSamples;

namespace Engine.Tests.Running;

/// <summary>The start-up compilation: what it compiles is compiled once, and the first call does not compile it again.</summary>
public sealed class MethodPrecompilerTests
{
    [Fact]
    public void ItCompilesTheConcreteNonVirtualMethodsOfTheNamespacesAskedForAndTheirFirstCallCompilesNothing()
    {
        // Counted on this thread only, so the other tests running beside this one do not count.
        long before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        var (compiled, skipped, _) = MethodPrecompiler.Compile([typeof(Sample).Assembly], ns => ns == typeof(Sample).Namespace, CancellationToken.None);
        long during = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;

        // Sample's constructor, Sum and Twice; Named's constructor; Holder's constructor and Get. Open<T>
        // (generic) and Named.Name (abstract) have nothing to compile.
        Assert.Equal(6, compiled);
        Assert.Equal(2, skipped);    // Sample.ToString and Holder.Name: virtual, left to their first call
        Assert.True(during >= compiled, $"{during} methods compiled on this thread while preparing {compiled}");

        long beforeCall = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        long sum = Sample.Sum(2, 3);
        long afterCall = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        Assert.Equal(5, sum);
        Assert.Equal(0, afterCall - beforeCall);
    }

    [Fact]
    public void ANamespaceNotAskedForIsLeftAlone()
    {
        var (compiled, skipped, _) = MethodPrecompiler.Compile([typeof(Sample).Assembly], _ => false, CancellationToken.None);
        Assert.Equal((0, 0), (compiled, skipped));
    }
}
