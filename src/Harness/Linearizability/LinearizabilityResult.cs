using System.Diagnostics;

namespace Weave.Harness;

/// <summary>
/// The verdict of <see cref="Linearizability"/>: linearizable (with a witness order), not linearizable
/// (with the smallest failing part of the history), or timed out (no verdict).
/// </summary>
/// <remarks>The typed details (<see cref="LinearizabilityResult{TOp, TResult}.Order"/>,
/// <see cref="LinearizabilityResult{TOp, TResult}.Counterexample"/>) are on the generic subclass that
/// <see cref="Linearizability.Check{TState, TOp, TResult}(ISequentialSpec{TState, TOp, TResult}, History{TOp, TResult}, TimeSpan?)"/> returns.</remarks>
[DebuggerDisplay("{Summary,nq}")]
public abstract class LinearizabilityResult
{
    private protected LinearizabilityResult()
    {
    }

    /// <summary>True when some order of the calls is legal for the spec and respects real time.
    /// False when there is none, and also when the check timed out (see <see cref="TimedOut"/>): it never claims a verdict it did not reach.</summary>
    public bool IsLinearizable { get; init; }

    /// <summary>True when the check exceeded a budget (time or memory; <see cref="UndecidedReason"/> says which):
    /// neither linearizable nor shown not to be.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Why there is no verdict, when <see cref="TimedOut"/>: which budget ran out. Null otherwise.</summary>
    public string? UndecidedReason { get; init; }

    /// <summary>Each partition's verdict (one entry when the spec does not partition operations).</summary>
    public IReadOnlyList<PartitionVerdict> Partitions { get; init; } = [];

    /// <summary>True when the history was shown not to be linearizable (false when <see cref="TimedOut"/>).</summary>
    public bool IsViolation => !IsLinearizable && !TimedOut;

    /// <summary>How long the check took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The budget the check had.</summary>
    public TimeSpan Budget { get; init; }

    /// <summary>How many calls the history had.</summary>
    public int CallCount { get; init; }

    /// <summary>How many independent partitions were checked (1 unless the spec partitions operations).</summary>
    public int PartitionCount { get; init; }

    /// <summary>How many linearization attempts the search made.</summary>
    public long SearchSteps { get; init; }

    /// <summary>One line: the verdict and its size.</summary>
    public string Summary =>
        TimedOut ? $"No verdict: {UndecidedReason ?? $"the check exceeded its budget of {Budget.TotalSeconds:0.###} s"} ({CallCount} calls, {PartitionCount} partition(s), {SearchSteps} steps)."
        : IsLinearizable ? $"Linearizable: {CallCount} calls, checked in {Elapsed.TotalMilliseconds:0.#} ms."
        : $"Not linearizable: {CallCount} calls.";

    /// <summary>The verdict as text: for a violation, a table with one column per thread of the smallest
    /// failing part of the history (Lincheck style); for a linearizable history, the witness order.</summary>
    /// <returns>Multi-line text.</returns>
    public abstract string ToText();

    /// <summary>
    /// Writes a self-contained HTML page (no network access needed) drawing each thread's calls on a
    /// time line, the failing part highlighted or the witness order numbered (Porcupine style).
    /// </summary>
    /// <param name="path">The file to write (created or replaced; its directory is created).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public abstract void WriteHtml(string path);

    /// <inheritdoc/>
    public override string ToString() => Summary;
}
