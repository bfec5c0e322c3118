namespace Weave.Perf.Report;

/// <summary>
/// One benchmark case's result: which suite, case and group (category + parameters), time per operation,
/// allocations. <see cref="LaunchMeansNs"/> holds one mean per launch (a separate process each); when there are
/// several, <see cref="MeanNs"/> is their median.
/// </summary>
internal sealed record Measurement(string Suite, string Case, string Group, bool IsBaseline, double MeanNs, long? AllocatedBytes, double[]? LaunchMeansNs = null)
{
    private static readonly string[] s_weaveNames =
        ["PrimitiveLock", "ReentrantLock", "CountingSemaphore", "CyclicBarrier", "FifoQueue", "SimpleQueue", "Weave", "ThreadPoolExecutor", "Linearizability"];

    /// <summary>True for Weave's own cases (the others are the .NET built-ins).</summary>
    public bool IsWeave => s_weaveNames.Any(name => Case.Contains(name, StringComparison.Ordinal));

    public double OpsPerSecond => MeanNs > 0 ? 1e9 / MeanNs : 0;

    public string Label => Group.Length == 0 ? Case : $"{Case} [{Group}]";

    /// <summary>The per-launch means, or the one mean when launches were not recorded.</summary>
    public double[] Launches => LaunchMeansNs is { Length: > 0 } launches ? launches : [MeanNs];
}
