namespace Weave.Harness;

/// <summary>
/// One call in a <see cref="History{TOp, TResult}"/>: which thread made it, the operation, its result,
/// and when it was invoked and returned on the history's logical clock.
/// </summary>
/// <typeparam name="TOp">The operation type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="Id">The call's position in invocation order (0-based, dense).</param>
/// <param name="Thread">The thread that made the call (the id given to <see cref="History{TOp, TResult}.Invoke(int, TOp)"/>,
/// or the managed thread id).</param>
/// <param name="Op">The operation.</param>
/// <param name="Result">The result, or <c>default</c> while the call is pending.</param>
/// <param name="Invoked">The logical time of the invocation (positive; unique within a recorded history).</param>
/// <param name="Returned">The logical time of the response, or null for a call still pending at the end of the history.</param>
public sealed record HistoryEntry<TOp, TResult>(int Id, int Thread, TOp Op, TResult? Result, long Invoked, long? Returned)
{
    /// <summary>True when the call had not returned when the history was taken: it may have taken effect or not.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPending => Returned is null;

    /// <summary>
    /// Set when the call ended by a fault that, by contract, leaves no effect — "interrupted" (a
    /// <see cref="ThreadInterruptedException"/>) or "cancelled" (an <see cref="OperationCanceledException"/>
    /// of its token): the checker then requires that it had none. Null for calls that returned a result.
    /// Python has no counterpart.
    /// </summary>
    public string? Fault { get; init; }

    /// <summary>
    /// Set on a pending call that was still blocked when the history was taken, with nothing left that could wake
    /// it: the scenario runner sets it when a round ends with every unfinished thread parked (under Coyote, when no
    /// other operation can run). The checker then holds the call to its spec's
    /// <see cref="ISequentialSpec{TState, TOp, TResult}.Blocks"/>: it took no effect, and it must block in the state
    /// the linearized history leaves — a <c>Get</c> stuck on a queue that holds an item is a lost wake-up.
    /// Python has no counterpart.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("blocked")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsBlocked { get; init; }

    /// <summary>True when the call ended by a fault (<see cref="Fault"/>) and so must have had no effect.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFaulted => Fault is not null;

    /// <inheritdoc/>
    public override string ToString() =>
        IsBlocked ? $"[{Invoked}..] T{Thread} {Op} -> (blocked)"
        : IsPending ? $"[{Invoked}..] T{Thread} {Op} -> (pending)"
        : IsFaulted ? $"[{Invoked}..{Returned}] T{Thread} {Op} -> {Fault} (no effect)"
        : $"[{Invoked}..{Returned}] T{Thread} {Op} -> {Result}";
}
