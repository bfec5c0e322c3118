using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// The pending result of <see cref="ProcessPool.ApplyAsync{TResult}(Func{TResult}, Action{TResult}?, Action{Exception}?)"/>:
/// Python's <c>multiprocessing.pool.AsyncResult</c>. It becomes ready after its callback (or error
/// callback) has run, so a <see cref="Get"/> that returns sees the callback's effects.
/// </summary>
[DebuggerDisplay("Ready = {IsReady}")]
public sealed class AsyncResult<T>
{
    private readonly Future<T> _future;

    // Set by the pool's manager thread once the future is done and the callbacks have run.
    private readonly Event _ready = new();

    internal AsyncResult(Future<T> future, Action<T>? callback, Action<Exception>? errorCallback)
    {
        _future = future;
        future.AddDoneCallback(f =>
        {
            // Runs on the pool's manager thread, with no pool lock held (user code).
            try
            {
                if (f.Exception() is Exception error)
                {
                    errorCallback?.Invoke(error);
                }
                else
                {
                    callback?.Invoke(f.Result());
                }
            }
            finally
            {
                _ready.Set(); // A callback that throws is reported by Future.CallbackFailed; the result is still ready.
            }
        });
    }

    /// <summary>Whether the call has completed (successfully or not). Python: <c>ready()</c>.</summary>
    public bool IsReady => _ready.IsSet;

    /// <summary>Whether the call completed without an exception. Python: <c>successful()</c>.</summary>
    /// <exception cref="InvalidOperationException">The result is not ready yet.</exception>
    public bool IsSuccessful => IsReady
        ? _future.Exception() is null
        : throw new InvalidOperationException("The result is not ready yet (Python: ValueError, \"<AsyncResult> not ready\").");

    /// <summary>Returns the result, waiting for it at most <paramref name="timeout"/> (null: forever); rethrows the worker's exception. Python: <c>get(timeout)</c>.</summary>
    /// <exception cref="TimeoutException">The result did not arrive in time (Python: <c>multiprocessing.TimeoutError</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public T Get(TimeSpan? timeout = null)
    {
        if (!Wait(timeout))
        {
            throw new TimeoutException("The result did not arrive within the timeout.");
        }

        return _future.Result();
    }

    /// <summary>Waits until the result is ready or <paramref name="timeout"/> passes (null: forever). Python: <c>wait(timeout)</c>.</summary>
    /// <returns>Whether the result is ready (Python returns None).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Wait(TimeSpan? timeout = null) => timeout is TimeSpan t ? _ready.Wait(t) : _ready.Wait();

    /// <inheritdoc/>
    public override string ToString() => IsReady ? $"<AsyncResult ready {_future}>" : "<AsyncResult pending>";
}
