using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// Runs static methods in child processes and returns futures: Python's
/// <c>concurrent.futures.ProcessPoolExecutor</c>, with <see cref="ThreadPoolExecutor"/>'s surface.
/// </summary>
/// <remarks>
/// <para>Work crosses the process boundary as a static method (or a lambda that captures nothing)
/// plus arguments, and comes back as a result, all serialised with System.Text.Json — the way
/// Python pickles a function by name. Exceptions come back with their type and message; the
/// worker's stack trace is the <see cref="RemoteException"/> inside.</para>
/// <para>Built as the seed's diagram: pending work items, a call queue bounded to the worker count,
/// a result queue and one manager thread; workers are <c>dotnet Weave.WorkerHost.dll</c> processes
/// started at the first submit. A worker that dies or is killed breaks the pool: pending futures
/// fail with <see cref="BrokenExecutorException"/>, later submits throw it, and the other workers
/// are killed. Workers also exit when this process exits or is killed.</para>
/// <para>In .NET threads already run CPU-bound work in parallel (there is no GIL): use processes for
/// isolation — a crash, a leak or a hang that must not take the caller down.</para>
/// </remarks>
[DebuggerDisplay("Workers = {MaxWorkers}, ShutDown = {_pool.IsShutDown}")]
public sealed class ProcessPoolExecutor : IDisposable
{
    private const string ShutDownMessage = "cannot schedule new futures after shutdown";
    private static int s_executorCount;

    private readonly ProcessWorkerPool _pool;

    /// <summary>Creates an executor. No process starts until the first submit. Python: <c>ProcessPoolExecutor(max_workers)</c>.</summary>
    /// <param name="maxWorkers">The number of worker processes; null gives the number of processors.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or less.</exception>
    public ProcessPoolExecutor(int? maxWorkers = null)
    {
        if (maxWorkers is int max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxWorkers));
        }

        MaxWorkers = maxWorkers ?? Environment.ProcessorCount;
        _pool = new ProcessWorkerPool(MaxWorkers, $"ProcessPoolExecutor-{Interlocked.Increment(ref s_executorCount) - 1}");
    }

    /// <summary>The number of worker processes.</summary>
    public int MaxWorkers { get; }

    /// <summary>The worker processes' ids (empty before the first submit).</summary>
    public IReadOnlyList<int> ProcessIds => _pool.ProcessIds;

    /// <summary>Runs <paramref name="function"/> in a worker process. Python: <c>submit(fn)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="function"/> captures variables or is an instance method.</exception>
    /// <exception cref="InvalidOperationException">The executor was shut down ("cannot schedule new futures after shutdown").</exception>
    /// <exception cref="BrokenExecutorException">A worker process died.</exception>
    public Future<TResult> Submit<TResult>(Func<TResult> function) =>
        ProcessCalls.Submit<TResult>(_pool, function, [], ShutDownMessage);

    /// <summary>Runs <c>function(arg1)</c> in a worker process. Python: <c>submit(fn, arg)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future<TResult> Submit<T1, TResult>(Func<T1, TResult> function, T1 arg1) =>
        ProcessCalls.Submit<TResult>(_pool, function, [arg1], ShutDownMessage);

    /// <summary>Runs <c>function(arg1, arg2)</c> in a worker process. Python: <c>submit(fn, a, b)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future<TResult> Submit<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) =>
        ProcessCalls.Submit<TResult>(_pool, function, [arg1, arg2], ShutDownMessage);

    /// <summary>Runs <c>function(arg1, arg2, arg3)</c> in a worker process. Python: <c>submit(fn, a, b, c)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future<TResult> Submit<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, T1 arg1, T2 arg2, T3 arg3) =>
        ProcessCalls.Submit<TResult>(_pool, function, [arg1, arg2, arg3], ShutDownMessage);

    /// <summary>Runs <paramref name="action"/> in a worker process. Python: <c>submit(fn)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future Submit(Action action) =>
        ProcessCalls.SubmitAction(_pool, action, [], ShutDownMessage);

    /// <summary>Runs <c>action(arg1)</c> in a worker process. Python: <c>submit(fn, arg)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future Submit<T1>(Action<T1> action, T1 arg1) =>
        ProcessCalls.SubmitAction(_pool, action, [arg1], ShutDownMessage);

    /// <summary>Runs <c>action(arg1, arg2)</c> in a worker process. Python: <c>submit(fn, a, b)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future Submit<T1, T2>(Action<T1, T2> action, T1 arg1, T2 arg2) =>
        ProcessCalls.SubmitAction(_pool, action, [arg1, arg2], ShutDownMessage);

    /// <summary>Runs <c>action(arg1, arg2, arg3)</c> in a worker process. Python: <c>submit(fn, a, b, c)</c>.</summary>
    /// <inheritdoc cref="Submit{TResult}(Func{TResult})" path="/exception"/>
    public Future Submit<T1, T2, T3>(Action<T1, T2, T3> action, T1 arg1, T2 arg2, T3 arg3) =>
        ProcessCalls.SubmitAction(_pool, action, [arg1, arg2, arg3], ShutDownMessage);

    /// <summary>
    /// Applies <paramref name="function"/> to every item in worker processes, submitting all of them
    /// now in chunks of <paramref name="chunkSize"/>, and yields the results in input order. One
    /// deadline, counted from this call, covers the iteration; if a call throws (its exception
    /// surfaces at its chunk's position) or the deadline passes (<see cref="TimeoutException"/>), the
    /// remaining futures are cancelled. Python: <c>map(fn, iterable, timeout, chunksize)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="function"/> captures variables or is an instance method.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than one, or <paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">A worker process died.</exception>
    public IEnumerable<TResult> Map<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, TimeSpan? timeout = null, int chunkSize = 1)
    {
        Deadline deadline = timeout is TimeSpan t ? Deadline.After(t, nameof(timeout)) : Deadline.Infinite;
        List<Future<TResult[]>> chunks = ProcessCalls.SubmitChunks(_pool, function, source, chunkSize, ShutDownMessage);
        return FutureSequence.InOrder(chunks, deadline).SelectMany(chunk => chunk);
    }

    /// <summary>
    /// Stops accepting work; with <paramref name="cancelFutures"/> cancels the work not yet sent to a
    /// worker; with <paramref name="wait"/> blocks until the remaining work is done and the worker
    /// processes have exited. Calling it again is harmless. Python: <c>shutdown(wait, cancel_futures)</c>.
    /// </summary>
    public void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        _pool.Shutdown(cancelFutures);
        if (wait)
        {
            _pool.Join();
        }
    }

    /// <summary>Shuts the executor down and waits for its work: <c>Shutdown(wait: true)</c>, as Python's <c>with</c> block.</summary>
    public void Dispose() => Shutdown(wait: true);

    /// <inheritdoc/>
    public override string ToString() =>
        $"<ProcessPoolExecutor workers={MaxWorkers}{(_pool.Broken is not null ? " broken" : _pool.IsShutDown ? " shut down" : "")}>";
}
