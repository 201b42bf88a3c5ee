namespace Engine.Tests.Ring;

/// <summary>A ring slot for tests: what the producer wrote, and stamps each stage leaves behind.</summary>
public struct TestEvent
{
    public long Sequence;
    public long Value;
    public int ProducerId;
    public long StageA;
    public long StageB;
    public long StageC;
}
