namespace Engine.Tests.Bench;

/// <summary>Tests that read the whole process's allocated bytes: they run after the others, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideAllocationCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide allocation";
}
