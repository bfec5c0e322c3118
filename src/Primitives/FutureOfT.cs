using System.Runtime.CompilerServices;

namespace Weave.Primitives;

/// <summary>
/// The outcome of work that returns a <typeparamref name="T"/>: Python's
/// <c>concurrent.futures.Future</c> with its result.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public class Future<T> : Future
{
    private T _result = default!; // Written under the lock before the state becomes Finished.

    /// <summary>Creates a pending future.</summary>
    public Future()
    {
    }

    /// <summary>Waits until the future is done and returns the result, or rethrows the work's own
    /// exception with its original stack. Python: <c>result()</c>.</summary>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public new T Result()
    {
        base.Result();
        return _result;
    }

    /// <summary>Waits at most <paramref name="timeout"/> and returns the result, or rethrows the work's exception.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="TimeoutException">Not done when the timeout passed.</exception>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public new T Result(TimeSpan timeout)
    {
        base.Result(timeout);
        return _result;
    }

    /// <summary>Finishes the future with <paramref name="result"/>. Python: <c>set_result()</c>.</summary>
    /// <exception cref="InvalidOperationException">The future is already done.</exception>
    public void SetResult(T result) => Complete(error: null, storeResult: () => _result = result);

    /// <summary>Calls <paramref name="callback"/> with this future once it is done (at once, on this
    /// thread, if it already is). Python: <c>add_done_callback()</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void AddDoneCallback(Action<Future<T>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddCallbackCore(() => callback(this));
    }

    /// <summary>A task that completes with the future's result (or its exception, or cancellation).</summary>
    public new Task<T> AsTask() => (Task<T>)TaskCore();

    /// <summary>Lets <c>T value = await future</c> work.</summary>
    public new TaskAwaiter<T> GetAwaiter() => AsTask().GetAwaiter();

    internal T Result(Deadline deadline)
    {
        WaitAndThrow(deadline);
        return _result;
    }

    private protected override string ResultDescription => $" returned {(_result is null ? "null" : _result.GetType().Name)}";

    private protected override Task CreateTask()
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        AddCallbackCore(() =>
        {
            if (IsCancelled)
            {
                source.TrySetCanceled();
            }
            else if (Exception() is { } error)
            {
                source.TrySetException(error);
            }
            else
            {
                source.TrySetResult(_result);
            }
        });
        return source.Task;
    }
}
