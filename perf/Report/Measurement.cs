namespace Weave.Perf.Report;

/// <summary>One benchmark case's result: which suite, case and group (category + parameters), mean time, allocations.</summary>
internal sealed record Measurement(string Suite, string Case, string Group, bool IsBaseline, double MeanNs, long? AllocatedBytes)
{
    private static readonly string[] s_weaveNames =
        ["PrimitiveLock", "ReentrantLock", "CountingSemaphore", "CyclicBarrier", "FifoQueue", "SimpleQueue", "Weave", "ThreadPoolExecutor", "Linearizability"];

    /// <summary>True for Weave's own cases (the others are the .NET built-ins).</summary>
    public bool IsWeave => s_weaveNames.Any(name => Case.Contains(name, StringComparison.Ordinal));

    public double OpsPerSecond => MeanNs > 0 ? 1e9 / MeanNs : 0;

    public string Label => Group.Length == 0 ? Case : $"{Case} [{Group}]";
}
