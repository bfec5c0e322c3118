namespace Weave.Harness;

/// <summary>
/// A sequential specification: the object's behaviour when calls happen one at a time. The
/// linearizability checker asks it whether a call with a given result is legal in a given state.
/// </summary>
/// <remarks>
/// <para>States must be immutable values with structural equality (records, or a
/// <see cref="StateComparer"/>): the checker memoises (linearized calls, state) pairs.</para>
/// <para>A blocking call is legal in the states where it would not block (a blocking <c>Get</c> that
/// returned <c>x</c> is legal when <c>x</c> is at the head); a call that gave up (a <c>Get</c> that timed
/// out, a failed <c>TryAcquire</c>) is legal in the states where giving up is allowed (the queue is
/// empty, the lock is held). The checker only needs the state to be right at some instant of the
/// call's interval.</para>
/// </remarks>
/// <typeparam name="TState">The model's state.</typeparam>
/// <typeparam name="TOp">The operation type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
public interface ISequentialSpec<TState, TOp, TResult>
{
    /// <summary>The state before any call.</summary>
    TState Initial { get; }

    /// <summary>Whether <paramref name="op"/> may return <paramref name="result"/> in <paramref name="state"/>, and the state after it.</summary>
    /// <param name="state">The state before the call.</param>
    /// <param name="op">The operation.</param>
    /// <param name="result">The result the call returned.</param>
    /// <returns><c>Legal</c>: the call may return that result here; <c>Next</c>: the state after it (ignored when not legal).</returns>
    (bool Legal, TState Next) Step(TState state, TOp op, TResult result);

    /// <summary>
    /// The results a call still pending at the end of the history may have had, had it taken effect in
    /// <paramref name="state"/> (a pending call may also not have taken effect at all). Return null to let
    /// the checker try every result seen in the history (the default); a deterministic spec returns the
    /// one result the operation would give, which is faster and exact.
    /// </summary>
    /// <param name="state">The state in which the pending call would take effect.</param>
    /// <param name="op">The pending operation.</param>
    /// <returns>The candidate results, or null for "every result seen in the history".</returns>
    IEnumerable<TResult>? PendingResults(TState state, TOp op) => null;

    /// <summary>
    /// The partition <paramref name="op"/> belongs to when the object is a product of independent parts
    /// (P-compositionality: each key of a map is its own register), or null when it is not. When every
    /// operation of a history has a non-null key, each partition is checked on its own, from
    /// <see cref="Initial"/>, which is exponentially cheaper.
    /// </summary>
    /// <param name="op">The operation.</param>
    /// <returns>The partition key, or null (the default: no partitioning).</returns>
    object? PartitionKey(TOp op) => null;

    /// <summary>
    /// Whether <paramref name="op"/> waits in <paramref name="state"/> (a <c>Get</c> on an empty queue, an
    /// <c>Acquire</c> of a held lock, a <c>Wait</c> on an unset event), for the quiescent blocking check: a call
    /// still blocked when a round ends with nothing left to wake it (<see cref="HistoryEntry{TOp, TResult}.IsBlocked"/>)
    /// is legal only if some linearization leaves the object in a state where the call waits. Otherwise the
    /// wake-up it needed was lost.
    /// </summary>
    /// <remarks>Answer for the operation as such, ignoring its timeout: a timed call still waiting at the end is
    /// held to the same rule. Return null (the default) when the spec has no blocking rule for <paramref name="op"/>
    /// in any state: such a call is then treated as any pending call (it may or may not have taken effect).</remarks>
    /// <param name="state">The state after every call linearized before the end.</param>
    /// <param name="op">The blocked call's operation.</param>
    /// <returns>True if it waits in that state, false if it would go ahead, null if the spec cannot say.</returns>
    bool? Blocks(TState state, TOp op) => null;

    /// <summary>How states are compared and hashed for memoisation (default: <see cref="EqualityComparer{T}.Default"/>).</summary>
    IEqualityComparer<TState> StateComparer => EqualityComparer<TState>.Default;
}
