using System.Text.Json.Serialization;

namespace Engine.Bench.Workloads;

/// <summary>What <c>engine bench pipeline</c> measured (its JSON).</summary>
public sealed record PipelineBenchmarkResult
{
    /// <summary>"pipeline".</summary>
    [JsonPropertyName("benchmark")]
    public string Benchmark { get; init; } = "pipeline";

    /// <summary>Ticks replayed at full speed.</summary>
    [JsonPropertyName("ticks")]
    public long Ticks { get; init; }

    /// <summary>Full-speed replay throughput through the whole pipeline.</summary>
    [JsonPropertyName("ticks_per_sec")]
    public double TicksPerSecond { get; init; }

    /// <summary>The same replay with only the first risk rules (kill switch, flatten, tradability, session, fixed lots), measured in the same run.</summary>
    [JsonPropertyName("ticks_per_sec_first_rules_only")]
    public double TicksPerSecondFirstRulesOnly { get; init; }

    /// <summary>Throughput with every rule over throughput with the first rules only.</summary>
    [JsonPropertyName("risk_rules_throughput_ratio")]
    public double RiskRulesThroughputRatio => TicksPerSecondFirstRulesOnly <= 0 ? 0 : TicksPerSecond / TicksPerSecondFirstRulesOnly;

    /// <summary>
    /// The full-speed rate with every input's stages stamped (<c>journal.latency</c>: the door, the
    /// strategies and the risk gate read the clock; the benchmark has no journal, so no latency
    /// record is written), in the same rounds.
    /// </summary>
    [JsonPropertyName("ticks_per_sec_stamped")]
    public double TicksPerSecondStamped { get; init; }

    /// <summary>Stamped over unstamped throughput: what the stamps cost (1 is nothing).</summary>
    [JsonPropertyName("stamping_throughput_ratio")]
    public double StampingThroughputRatio => TicksPerSecond <= 0 ? 0 : TicksPerSecondStamped / TicksPerSecond;

    /// <summary>
    /// The full-speed rate with the producer and the logic thread both pinned to one core (the
    /// yielding wait, so each hands the core to the other when it has nothing to do), in the same
    /// rounds; the journal's read-ahead may still load segments on another core. 0 where the
    /// process may use only one core or pinning is refused.
    /// </summary>
    [JsonPropertyName("one_core_ticks_per_sec")]
    public double OneCoreTicksPerSecond { get; init; }

    /// <summary>Slots in the one-core run's ring (<c>TradingPipelineOptions.OneCoreRingSize</c>, as <c>engine replay --core</c> uses), not the configuration's.</summary>
    [JsonPropertyName("one_core_ring_size")]
    public int OneCoreRingSize { get; init; }

    /// <summary>
    /// Two cores over one (<see cref="TicksPerSecond"/> over <see cref="OneCoreTicksPerSecond"/>):
    /// what running the stages beside the producer buys. Near 1, handing each slot's cache lines
    /// from one core to the other costs as much as the parallel work saves. 0 when not measured.
    /// </summary>
    [JsonPropertyName("two_core_speedup")]
    public double TwoCoreSpeedup => OneCoreTicksPerSecond <= 0 ? 0 : TicksPerSecond / OneCoreTicksPerSecond;

    /// <summary>Median tick-to-intent latency at the paced rate.</summary>
    [JsonPropertyName("p50_ns")]
    public double P50Ns { get; init; }

    /// <summary>99th percentile.</summary>
    /// <summary>The same stages over System.Threading.Channels, full speed, ticks a second (same run).</summary>
    [JsonPropertyName("channels_ticks_per_sec")]
    public double ChannelsTicksPerSecond { get; init; }

    /// <summary>The ring's throughput over the channels baseline's, same run.</summary>
    [JsonPropertyName("channels_throughput_ratio")]
    public double ChannelsThroughputRatio => ChannelsTicksPerSecond <= 0 ? 0 : TicksPerSecond / ChannelsTicksPerSecond;

    /// <summary>Tick-to-decision p50 over channels at the paced rate (from the publish), ns.</summary>
    [JsonPropertyName("channels_p50_ns")]
    public double ChannelsP50Ns { get; init; }

    /// <summary>Tick-to-decision p99 over channels (from the publish), ns.</summary>
    [JsonPropertyName("channels_p99_ns")]
    public double ChannelsP99Ns { get; init; }

    /// <summary>Tick-to-decision p99 over channels from each tick's due time, ns.</summary>
    [JsonPropertyName("channels_corrected_p99_ns")]
    public double ChannelsCorrectedP99Ns { get; init; }

    /// <summary>The channels' p50 over the ring's (above 1: the ring is faster).</summary>
    [JsonPropertyName("channels_p50_ratio")]
    public double ChannelsP50Ratio => P50Ns > 0 ? ChannelsP50Ns / P50Ns : 0;

    /// <summary>The channels' p99 over the ring's.</summary>
    [JsonPropertyName("channels_p99_ratio")]
    public double ChannelsP99Ratio => P99Ns > 0 ? ChannelsP99Ns / P99Ns : 0;

    /// <summary>Tick-to-decision p90 from the publish (raw), ns.</summary>
    [JsonPropertyName("p90_ns")]
    public double P90Ns { get; init; }

    /// <summary>Tick-to-decision p50 from each tick's due time (coordinated omission corrected), ns.</summary>
    [JsonPropertyName("corrected_p50_ns")]
    public double CorrectedP50Ns { get; init; }

    /// <summary>Corrected p90, ns.</summary>
    [JsonPropertyName("corrected_p90_ns")]
    public double CorrectedP90Ns { get; init; }

    /// <summary>Corrected p99, ns.</summary>
    [JsonPropertyName("corrected_p99_ns")]
    public double CorrectedP99Ns { get; init; }

    /// <summary>Corrected p99.9, ns.</summary>
    [JsonPropertyName("corrected_p999_ns")]
    public double CorrectedP999Ns { get; init; }

    /// <summary>Corrected maximum, ns.</summary>
    [JsonPropertyName("corrected_max_ns")]
    public double CorrectedMaxNs { get; init; }

    /// <summary>When the worst tick was due, ns after the paced run's first tick.</summary>
    [JsonPropertyName("corrected_max_due_ns")]
    public long CorrectedMaxDueNs { get; init; }

    /// <summary>Which tick of the paced run (from 1) was the worst.</summary>
    [JsonPropertyName("corrected_max_tick")]
    public long CorrectedMaxTick { get; init; }

    /// <summary>
    /// The machine's own floor under the corrected figures, measured just before the paced run:
    /// as many threads as the pipeline keeps busy spin on the clock for as long, and each tick due
    /// at the paced rate is as late as the stall of any core it fell into (<see cref="HiccupFloor"/>).
    /// </summary>
    [JsonIgnore]
    public HiccupFloorResult? Floor { get; init; }

    /// <summary>Threads that spun for the floor (the pipeline's busy threads).</summary>
    [JsonPropertyName("hiccup_floor_threads")]
    public int FloorThreads => Floor?.Threads ?? 0;

    /// <summary>The floor's median, ns (0 is below its resolution).</summary>
    [JsonPropertyName("hiccup_floor_p50_ns")]
    public double FloorP50Ns => Floor?.P50Ns ?? 0;

    /// <summary>The floor's p99, ns: the corrected p99 no pipeline on this machine could beat in this run.</summary>
    [JsonPropertyName("hiccup_floor_p99_ns")]
    public double FloorP99Ns => Floor?.P99Ns ?? 0;

    /// <summary>The floor's p99.9, ns.</summary>
    [JsonPropertyName("hiccup_floor_p999_ns")]
    public double FloorP999Ns => Floor?.P999Ns ?? 0;

    /// <summary>The floor's maximum, ns: the longest stall that caught a due time.</summary>
    [JsonPropertyName("hiccup_floor_max_ns")]
    public double FloorMaxNs => Floor?.MaxNs ?? 0;

    /// <summary>Share of the wall time some core was stalled while the floor was measured.</summary>
    [JsonPropertyName("hiccup_floor_stalled_fraction")]
    public double FloorStalledFraction => Floor?.StalledFraction ?? 0;

    /// <summary>Stalls the floor's threads saw, summed.</summary>
    [JsonPropertyName("hiccup_floor_stalls")]
    public long FloorStalls => Floor?.Stalls ?? 0;

    /// <summary>Stalls that did not fit the floor's records (non-zero: the floor understates the machine).</summary>
    [JsonPropertyName("hiccup_floor_dropped")]
    public long FloorDropped => Floor?.Dropped ?? 0;

    /// <summary>The shortest gap that counts as a stall, ns.</summary>
    [JsonPropertyName("hiccup_floor_resolution_ns")]
    public long FloorResolutionNs => Floor?.ResolutionNs ?? 0;

    /// <summary>
    /// Corrected p99 over the floor's p99 (a floor below its resolution counts as the resolution):
    /// near 1, the machine's stalls set the tail and the pipeline adds little; well above, the
    /// pipeline's own work or waits do.
    /// </summary>
    [JsonPropertyName("corrected_p99_over_floor")]
    public double CorrectedP99OverFloor => Floor is { } floor ? CorrectedP99Ns / Math.Max(floor.P99Ns, floor.ResolutionNs) : 0;

    /// <summary>Bytes allocated per tick over the second half of the full-speed run (the steady state).</summary>
    [JsonPropertyName("steady_state_bytes_per_tick")]
    public double SteadyStateBytesPerTick { get; init; }

    /// <summary>Bytes the whole process allocated over the steady state; -1 when the mark was never passed.</summary>
    [JsonPropertyName("steady_state_bytes")]
    public long SteadyStateBytes { get; init; }

    /// <summary>
    /// Journal segments the replay opened during the steady state. Opening one (its map, its
    /// header, its cursor) allocates a few hundred bytes once per 64 MiB segment, and that is what
    /// <see cref="SteadyStateBytes"/> holds when it is not 0: a run within one segment allocates nothing.
    /// </summary>
    [JsonPropertyName("steady_state_segments_opened")]
    public int SteadyStateSegmentsOpened { get; init; }

    /// <summary>
    /// Bytes each engine thread allocated over the steady state, counted by the thread itself (the
    /// consumers from the mark to the end of their loops; the producer, which cannot see the
    /// mark, over the whole run); -1 where a sample is missing. The process-wide figure above also
    /// counts threads the engine does not own (the runtime's, the GC's).
    /// </summary>
    [JsonPropertyName("steady_state_bytes_by_thread")]
    public IReadOnlyDictionary<string, long> SteadyStateBytesByThread { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Page faults each engine thread took during the fastest full-speed run, after the pipeline was
    /// built: a fault is a first write to a page the OS had not mapped yet, microseconds on the hot
    /// path, so like allocation it belongs in start-up. -1 where it could not be read.
    /// </summary>
    [JsonPropertyName("page_faults_by_thread")]
    public IReadOnlyDictionary<string, long> PageFaultsByThread { get; init; } = new Dictionary<string, long>();

    /// <summary>The same during the paced run, whose latency each fault would add to.</summary>
    [JsonPropertyName("paced_page_faults_by_thread")]
    public IReadOnlyDictionary<string, long> PacedPageFaultsByThread { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// How often the scheduler took each engine thread's CPU away during the paced run while the
    /// thread could still run (its involuntary context switches): each one a wait behind another
    /// task on that core. -1 where it could not be read.
    /// </summary>
    [JsonPropertyName("paced_preemptions_by_thread")]
    public IReadOnlyDictionary<string, long> PacedPreemptionsByThread { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// How long each engine thread waited runnable for a CPU during the paced run, in ms, behind
    /// other tasks as the kernel saw it; -1 where not read. A stall the hypervisor causes leaves
    /// no trace here, so a paced tail far above this was taken by the host.
    /// </summary>
    [JsonPropertyName("paced_run_delay_ms_by_thread")]
    public IReadOnlyDictionary<string, double> PacedRunDelayMsByThread { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The paced run again with the producer and the logic thread on one core (the one-core
    /// run's), the phased wait, and the producer yielding the core in its waits: every other core
    /// is left to the machine's own tasks, which on a machine of few cores otherwise stall a
    /// pipeline thread whenever they run. Corrected p50, ns; 0 where one core could not be pinned.
    /// </summary>
    [JsonPropertyName("one_core_paced_corrected_p50_ns")]
    public double OneCorePacedCorrectedP50Ns { get; init; }

    /// <summary>The same run's corrected p99, ns.</summary>
    [JsonPropertyName("one_core_paced_corrected_p99_ns")]
    public double OneCorePacedCorrectedP99Ns { get; init; }

    /// <summary>The same run's corrected p99.9, ns.</summary>
    [JsonPropertyName("one_core_paced_corrected_p999_ns")]
    public double OneCorePacedCorrectedP999Ns { get; init; }

    /// <summary>The same run's corrected maximum, ns.</summary>
    [JsonPropertyName("one_core_paced_corrected_max_ns")]
    public double OneCorePacedCorrectedMaxNs { get; init; }

    /// <summary>What the machine did besides this process during the paced run; null where /proc could not tell.</summary>
    [JsonIgnore]
    public MachineActivityReport? PacedMachine { get; init; }

    /// <summary>
    /// How much tasks outside this process (kernel threads, other processes) ran during the paced
    /// run, from their own run times, in cores' worth (core-seconds per second: 0.01 is 1% of one
    /// core); -1 where the kernel does not report them. Where every core runs a pipeline thread,
    /// each of their runs stalls one.
    /// </summary>
    [JsonPropertyName("paced_other_tasks_cpu_fraction")]
    public double PacedOtherTasksCpuFraction => PacedMachine?.OtherTasksCpuFraction ?? -1;

    /// <summary>The five tasks outside this process that ran most during the paced run, by name, in milliseconds.</summary>
    [JsonPropertyName("paced_other_tasks_ms")]
    public IReadOnlyDictionary<string, double> PacedOtherTasksMs => PacedMachine?.TopMilliseconds() ?? new Dictionary<string, double>();

    /// <summary>The cores' time in interrupts, hard and soft, during the paced run, in cores' worth; -1 where not read.</summary>
    [JsonPropertyName("paced_interrupt_fraction")]
    public double PacedInterruptFraction => PacedMachine?.InterruptFraction ?? -1;

    /// <summary>The time the hypervisor reports having taken the virtual CPUs for something else during the paced run (steal), in cores' worth; -1 where not read.</summary>
    [JsonPropertyName("paced_steal_fraction")]
    public double PacedStealFraction => PacedMachine?.StealFraction ?? -1;

    /// <summary>What the machine did besides this process while the floor was measured.</summary>
    [JsonIgnore]
    public MachineActivityReport? FloorMachine { get; init; }

    /// <summary>
    /// The same three while the floor's threads spun, set beside its stalled fraction (the share
    /// of the time some core stalled, which their sum can explain at most): what the guest can
    /// account for of the stalls it saw; the rest the host took unreported.
    /// </summary>
    [JsonPropertyName("hiccup_floor_other_tasks_cpu_fraction")]
    public double FloorOtherTasksCpuFraction => FloorMachine?.OtherTasksCpuFraction ?? -1;

    /// <summary>Interrupts while the floor was measured; -1 where not read.</summary>
    [JsonPropertyName("hiccup_floor_interrupt_fraction")]
    public double FloorInterruptFraction => FloorMachine?.InterruptFraction ?? -1;

    /// <summary>Reported steal while the floor was measured; -1 where not read.</summary>
    [JsonPropertyName("hiccup_floor_steal_fraction")]
    public double FloorStealFraction => FloorMachine?.StealFraction ?? -1;

    /// <summary>
    /// Garbage collections of each generation during the full-speed run (a gen1 collection counts
    /// in gen0 too): with nothing allocated per tick there should be none, and one that lands in a
    /// run is a pause its figures carry.
    /// </summary>
    [JsonPropertyName("gc_collections")]
    public IReadOnlyDictionary<string, long> Collections { get; init; } = new Dictionary<string, long>();

    /// <summary>The same during the paced run, whose latency a collection's pause would add to.</summary>
    [JsonPropertyName("paced_gc_collections")]
    public IReadOnlyDictionary<string, long> PacedCollections { get; init; } = new Dictionary<string, long>();

    /// <summary>What the full-speed run allocated beyond its steady state: the first inputs' one-off costs.</summary>
    [JsonPropertyName("startup_bytes")]
    public long StartupBytes { get; init; }

    /// <summary>The producer thread's CPU time over the full-speed run's wall time.</summary>
    [JsonPropertyName("producer_busy_fraction")]
    public double ProducerBusyFraction { get; init; }

    /// <summary>The logic thread's CPU time over the full-speed run's wall time.</summary>
    [JsonPropertyName("logic_busy_fraction")]
    public double LogicBusyFraction { get; init; }

    /// <summary>
    /// The CPU every other thread of the process used in that run, as a fraction of one core
    /// (the journal's read-ahead loading segments, the GC, the runtime): on a 2-core machine
    /// this is taken from the two pipeline threads.
    /// </summary>
    [JsonPropertyName("other_threads_busy_fraction")]
    public double OtherThreadsBusyFraction { get; init; }

    /// <summary>
    /// The share of the full-speed run the producer spent waiting for a free slot (the ring full
    /// because the logic thread was behind). Busy fractions count a waiting thread's spins and
    /// yields as busy, so this, not them, names the bottleneck.
    /// </summary>
    [JsonPropertyName("producer_full_ring_fraction")]
    public double ProducerFullRingFraction { get; init; }

    /// <summary>
    /// What held the full-speed run back: the hand-off between the cores when the same replay ran
    /// faster with both threads on one core (<see cref="TwoCoreSpeedup"/> below 1); otherwise the
    /// logic thread when the producer waited for free slots for at least 2% of the run, else the producer.
    /// </summary>
    [JsonPropertyName("bottleneck")]
    public string Bottleneck { get; init; } = "unknown";

    /// <summary>Tick-to-decision p99 from the publish (raw), ns.</summary>
    [JsonPropertyName("p99_ns")]
    public double P99Ns { get; init; }

    /// <summary>99.9th percentile.</summary>
    [JsonPropertyName("p999_ns")]
    public double P999Ns { get; init; }

    /// <summary>Worst.</summary>
    [JsonPropertyName("max_ns")]
    public double MaxNs { get; init; }

    /// <summary>Bytes allocated (all threads) per tick during the full-speed replay.</summary>
    [JsonPropertyName("allocated_bytes_per_tick")]
    public double AllocatedBytesPerTick { get; init; }

    /// <summary>Threads and cores used.</summary>
    [JsonPropertyName("placement")]
    public required string Placement { get; init; }

    /// <summary>The consumers' wait strategy.</summary>
    [JsonPropertyName("wait_strategy")]
    public required string WaitStrategy { get; init; }

    /// <summary>The paced run's rate: its inputs from the first paced one on, over the time from that input to the drained pipeline.</summary>
    [JsonPropertyName("paced_ticks_per_sec")]
    public double PacedRate { get; init; }

    /// <summary>The time the paced run spent opening the journal before its first input, left out of its rate, busy fractions and page faults.</summary>
    [JsonPropertyName("paced_start_seconds")]
    public double PacedStartSeconds { get; init; }

    /// <summary>Latency samples.</summary>
    [JsonPropertyName("latency_samples")]
    public long LatencySamples { get; init; }

    /// <summary>Signal intents in the full-speed replay.</summary>
    [JsonPropertyName("intents")]
    public long Intents { get; init; }

    /// <summary>Orders routed (to the null gateway) in the full-speed replay.</summary>
    [JsonPropertyName("orders")]
    public long Orders { get; init; }

    /// <summary>Strategy instances.</summary>
    [JsonPropertyName("strategies")]
    public int Strategies { get; init; }

    /// <summary>Instruments in the stream.</summary>
    [JsonPropertyName("instruments")]
    public int Instruments { get; init; }

    /// <summary>Journal size on disk.</summary>
    [JsonPropertyName("journal_bytes")]
    public long JournalBytes { get; init; }

    /// <summary>True when the journal's segments were sealed (LZ4), so the replay decompressed them.</summary>
    [JsonPropertyName("journal_sealed")]
    public bool JournalSealed { get; init; }

    /// <summary>Seconds spent generating and sealing the journal.</summary>
    [JsonPropertyName("generate_seconds")]
    public double GenerateSeconds { get; init; }

    /// <summary>Seconds of the whole benchmark.</summary>
    [JsonPropertyName("total_seconds")]
    public double TotalSeconds { get; init; }

    /// <summary>Slots in the ring (the configuration's <c>pipeline.ring_size</c>).</summary>
    [JsonPropertyName("ring_size")]
    public int RingSize { get; init; }

    /// <summary>Bytes of one ring slot.</summary>
    [JsonPropertyName("slot_bytes")]
    public int SlotBytes { get; init; }

    /// <summary>True when every slot starts on a cache line, so a tick's per-tick fields take two lines.</summary>
    [JsonPropertyName("slot_line_aligned")]
    public bool SlotLineAligned { get; init; }

    /// <summary>Cores.</summary>
    [JsonPropertyName("cores")]
    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>CPU model.</summary>
    [JsonPropertyName("cpu")]
    public string Cpu { get; init; } = MachineInfo.CpuModel;
}
