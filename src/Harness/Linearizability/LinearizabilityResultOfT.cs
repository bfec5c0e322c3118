using Weave.Harness.Internal;

namespace Weave.Harness;

/// <summary>The verdict of a linearizability check, with the calls it is about.</summary>
/// <typeparam name="TOp">The operation type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public sealed class LinearizabilityResult<TOp, TResult> : LinearizabilityResult
{
    private Lazy<(IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, HistoryEntry<TOp, TResult>? Failing)>? _lazy;
    private IReadOnlyList<HistoryEntry<TOp, TResult>>? _counterexample;
    private HistoryEntry<TOp, TResult>? _failingCall;

    /// <summary>Every call that was checked, in invocation order.</summary>
    public required IReadOnlyList<HistoryEntry<TOp, TResult>> History { get; init; }

    /// <summary>A witness when linearizable: the calls in an order that is legal for the spec and respects
    /// real time (pending calls that took effect appear with the result they were given; pending calls
    /// left out do not appear). One partition after another when the spec partitions operations. Empty otherwise.</summary>
    public IReadOnlyList<HistoryEntry<TOp, TResult>> Order { get; init; } = [];

    /// <summary>When not linearizable: the smallest failing part — the shortest prefix of the (failing
    /// partition of the) history that has no legal order, calls still running at its end shown as
    /// pending. Null otherwise. Computed on first use (a bisection costing up to a few times the verdict).</summary>
    public IReadOnlyList<HistoryEntry<TOp, TResult>>? Counterexample
    {
        get => _lazy is null ? _counterexample : _lazy.Value.Calls;
        init => _counterexample = value;
    }

    /// <summary>When not linearizable: the call whose response no legal order can explain (the last
    /// response of <see cref="Counterexample"/>). Null otherwise. Computed on first use.</summary>
    public HistoryEntry<TOp, TResult>? FailingCall
    {
        get => _lazy is null ? _failingCall : _lazy.Value.Failing;
        init => _failingCall = value;
    }

    /// <summary>Computes <see cref="Counterexample"/> and <see cref="FailingCall"/> when first asked.</summary>
    internal Func<(IReadOnlyList<HistoryEntry<TOp, TResult>> Calls, HistoryEntry<TOp, TResult>? Failing)>? CounterexampleSource
    {
        init => _lazy = value is null ? null : new(value, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc/>
    public override string ToText() => HistoryRendering.ToText(this);

    /// <inheritdoc/>
    public override void WriteHtml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, HistoryRendering.ToHtml(this));
    }
}
