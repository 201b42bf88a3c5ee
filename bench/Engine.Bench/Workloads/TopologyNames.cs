namespace Engine.Bench.Workloads;

/// <summary>Short labels of the topologies for reports.</summary>
public static class TopologyNames
{
    /// <summary>The label, e.g. <c>1P-1C</c>.</summary>
    public static string Of(Topology topology) => topology switch
    {
        Topology.Unicast => "1P-1C",
        Topology.Pipeline => "1P-3C-pipeline",
        Topology.Diamond => "1P-3C-diamond",
        Topology.MultiProducer => "3P-1C",
        _ => topology.ToString(),
    };

    /// <summary>How many consumer threads the ring runs for the topology.</summary>
    public static int ConsumerThreads(Topology topology) => topology switch
    {
        Topology.Unicast => 1,
        Topology.Pipeline => 3,
        Topology.Diamond => 4,
        Topology.MultiProducer => 1,
        _ => 1,
    };

    /// <summary>How many producer threads publish in the topology.</summary>
    public static int ProducerThreads(Topology topology) => topology == Topology.MultiProducer ? 3 : 1;
}
