using Weave.Primitives;

namespace Weave.Harness;

/// <summary>
/// The sequential spec of <c>Future&lt;T&gt;</c> (Python's <c>concurrent.futures.Future</c>). The state is
/// (<see cref="FutureState"/>, the value, whether it failed).
/// </summary>
/// <remarks>Completing twice is refused (InvalidState), cancelling a running or finished future returns
/// false, result() blocks until done; a timed result() may time out only while not done.</remarks>
/// <typeparam name="T">The result type.</typeparam>
public sealed class FutureSpec<T> : ISequentialSpec<(FutureState State, T? Value, bool Failed), FutureOp<T>, FutureResult<T>>
{
    /// <inheritdoc/>
    public (FutureState State, T? Value, bool Failed) Initial => (FutureState.Pending, default, false);

    /// <inheritdoc/>
    public (bool Legal, (FutureState State, T? Value, bool Failed) Next) Step(
        (FutureState State, T? Value, bool Failed) state, FutureOp<T> op, FutureResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(op);
        var expected = Apply(state, op, out var next);
        if (expected is null)
        {
            return (op.Kind == FutureOpKind.TimedResult && result == FutureResult<T>.TimedOut, state);
        }

        return (expected.Equals(result), next);
    }

    /// <summary>A result (timed or not) waits until the future is finished or cancelled; nothing else waits.</summary>
    /// <inheritdoc/>
    public bool? Blocks((FutureState State, T? Value, bool Failed) state, FutureOp<T> op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Apply(state, op, out _) is null;
    }

    /// <inheritdoc/>
    public IEnumerable<FutureResult<T>> PendingResults((FutureState State, T? Value, bool Failed) state, FutureOp<T> op)
    {
        var result = Apply(state, op, out _);
        return result is null ? [] : [result];
    }

    private static FutureResult<T>? Apply((FutureState State, T? Value, bool Failed) state, FutureOp<T> op, out (FutureState State, T? Value, bool Failed) next)
    {
        next = state;
        bool done = state.State is FutureState.Finished or FutureState.Cancelled;
        switch (op.Kind)
        {
            case FutureOpKind.SetRunning:
                if (state.State == FutureState.Pending)
                {
                    next = state with { State = FutureState.Running };
                    return FutureResult<T>.Of(true);
                }

                return state.State == FutureState.Cancelled ? FutureResult<T>.Of(false) : FutureResult<T>.InvalidState;
            case FutureOpKind.SetResult:
            case FutureOpKind.SetException:
                if (done)
                {
                    return FutureResult<T>.InvalidState;
                }

                next = op.Kind == FutureOpKind.SetResult ? (FutureState.Finished, op.Value, false) : (FutureState.Finished, default, true);
                return FutureResult<T>.Ok;
            case FutureOpKind.Cancel:
                if (state.State is FutureState.Running or FutureState.Finished)
                {
                    return FutureResult<T>.Of(false);
                }

                next = state with { State = FutureState.Cancelled };
                return FutureResult<T>.Of(true);
            case FutureOpKind.Result:
            case FutureOpKind.TimedResult:
                return !done ? null
                    : state.State == FutureState.Cancelled ? FutureResult<T>.Cancelled
                    : state.Failed ? FutureResult<T>.Failed
                    : FutureResult<T>.Returned(state.Value!);
            case FutureOpKind.IsDone:
                return FutureResult<T>.Of(done);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown future operation.");
        }
    }
}
