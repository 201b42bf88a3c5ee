namespace Engine.Bench.Workloads;

/// <summary>What one workload measured: events per run, the median rate, and the heap bytes allocated per event across all threads.</summary>
/// <param name="Transport">ring, ring-interface, ring-batch-10, channel or blocking-collection.</param>
/// <param name="EventsPerRun">Events moved per measured run.</param>
/// <param name="OpsPerSecond">Median events per second over the measured runs.</param>
/// <param name="BestOpsPerSecond">The best run.</param>
/// <param name="AllocatedBytesPerOp">Bytes allocated per event, all threads, during the measured runs.</param>
/// <param name="AverageBatchSize">Events per batch the last consumer was handed, where the transport batches; NaN otherwise.</param>
/// <param name="RunRates">Events per second of every measured run, in the order they ran (round by round); empty where not kept.</param>
public sealed record WorkloadMeasurement(string Transport, long EventsPerRun, double OpsPerSecond, double BestOpsPerSecond, double AllocatedBytesPerOp, double AverageBatchSize = double.NaN, IReadOnlyList<double>? RunRates = null);
