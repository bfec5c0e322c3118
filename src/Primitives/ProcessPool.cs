using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A pool of worker processes: Python's <c>multiprocessing.Pool</c>. Work is a static method (or
/// a lambda that captures nothing) plus arguments, serialised with System.Text.Json, as for
/// <see cref="ProcessPoolExecutor"/>, on the same machinery (work items, a bounded call queue, a
/// result queue, one manager thread).
/// </summary>
/// <remarks>
/// The worker processes start with the pool. <see cref="Close"/> stops new work and lets the
/// workers finish; <see cref="Terminate"/> kills them at once (results still pending never
/// arrive); <see cref="Join"/>, after either, waits for them to exit. Disposing terminates, like
/// leaving Python's <c>with Pool()</c> block. Callbacks run on the pool's manager thread.
/// </remarks>
[DebuggerDisplay("Processes = {Processes}, State = {_state}")]
public sealed class ProcessPool : IDisposable
{
    private const string NotRunning = "Pool not running";
    private static int s_poolCount;

    private readonly ProcessWorkerPool _pool;
    private readonly object _sync = new();
    private PoolState _state; // Guarded by _sync.

    /// <summary>Creates the pool and starts its worker processes. Python: <c>Pool(processes)</c>.</summary>
    /// <param name="processes">The number of worker processes; null gives the number of processors.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="processes"/> is zero or less ("Number of processes must be at least 1").</exception>
    public ProcessPool(int? processes = null)
    {
        if (processes is int count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(processes));
        }

        Processes = processes ?? Environment.ProcessorCount;
        _pool = new ProcessWorkerPool(Processes, $"ProcessPool-{Interlocked.Increment(ref s_poolCount) - 1}");
        _pool.Start();
    }

    private enum PoolState
    {
        Running,
        Closed,
        Terminated,
    }

    /// <summary>The number of worker processes.</summary>
    public int Processes { get; }

    /// <summary>The worker processes' ids.</summary>
    public IReadOnlyList<int> ProcessIds => _pool.ProcessIds;

    /// <summary>Runs <paramref name="function"/> in a worker and waits for its result. Python: <c>apply(fn)</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="function"/> captures variables or is an instance method.</exception>
    /// <exception cref="InvalidOperationException">The pool was closed or terminated ("Pool not running").</exception>
    /// <exception cref="BrokenExecutorException">A worker process died.</exception>
    public TResult Apply<TResult>(Func<TResult> function) => ApplyAsync(function).Get();

    /// <summary>Runs <c>function(arg1)</c> in a worker and waits for its result. Python: <c>apply(fn, (a,))</c>.</summary>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public TResult Apply<T1, TResult>(Func<T1, TResult> function, T1 arg1) => ApplyAsync(function, arg1).Get();

    /// <summary>Runs <c>function(arg1, arg2)</c> in a worker and waits for its result. Python: <c>apply(fn, (a, b))</c>.</summary>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public TResult Apply<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) => ApplyAsync(function, arg1, arg2).Get();

    /// <summary>
    /// Runs <paramref name="function"/> in a worker without waiting. When it completes,
    /// <paramref name="callback"/> receives the result or <paramref name="errorCallback"/> the
    /// exception, on the pool's manager thread. Python: <c>apply_async(fn, callback=, error_callback=)</c>.
    /// </summary>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<TResult>(Func<TResult> function, Action<TResult>? callback = null, Action<Exception>? errorCallback = null) =>
        Async<TResult>(function, [], callback, errorCallback);

    /// <summary>Runs <c>function(arg1)</c> in a worker without waiting. Python: <c>apply_async(fn, (a,), callback=, error_callback=)</c>.</summary>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<T1, TResult>(Func<T1, TResult> function, T1 arg1, Action<TResult>? callback = null, Action<Exception>? errorCallback = null) =>
        Async<TResult>(function, [arg1], callback, errorCallback);

    /// <summary>Runs <c>function(arg1, arg2)</c> in a worker without waiting. Python: <c>apply_async(fn, (a, b), …)</c>.</summary>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public AsyncResult<TResult> ApplyAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2, Action<TResult>? callback = null, Action<Exception>? errorCallback = null) =>
        Async<TResult>(function, [arg1, arg2], callback, errorCallback);

    /// <summary>
    /// Applies <paramref name="function"/> to every item in the workers and returns the results in
    /// input order; the first call that fails makes the whole call throw its exception. Python:
    /// <c>map(fn, iterable, chunksize)</c>.
    /// </summary>
    /// <param name="function">A static method or a lambda that captures nothing.</param>
    /// <param name="source">The items.</param>
    /// <param name="chunkSize">Items per message to a worker; null picks Python's default (about four chunks per worker).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than one.</exception>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public List<TResult> Map<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, int? chunkSize = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        TSource[] items = [.. source];
        if (chunkSize is null)
        {
            (int size, int extra) = Math.DivRem(items.Length, Processes * 4);
            chunkSize = Math.Max(1, extra > 0 ? size + 1 : size);
        }

        List<Future<TResult[]>> chunks = Chunks(function, items, chunkSize.Value);
        var results = new List<TResult>(items.Length);
        foreach (Future<TResult[]> chunk in chunks)
        {
            results.AddRange(chunk.Result());
        }

        return results;
    }

    /// <summary>Like <see cref="Map"/>, but returns an iterator that yields each result, in input order, as soon as it and those before it arrive. Python: <c>imap(fn, iterable, chunksize)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than one.</exception>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public ImapIterator<TResult> Imap<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, int chunkSize = 1) =>
        new(Chunks(function, source, chunkSize), ordered: true);

    /// <summary>Like <see cref="Imap"/>, but yields results in the order they complete. Python: <c>imap_unordered(fn, iterable, chunksize)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than one.</exception>
    /// <inheritdoc cref="Apply{TResult}(Func{TResult})" path="/exception"/>
    public ImapIterator<TResult> ImapUnordered<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, int chunkSize = 1) =>
        new(Chunks(function, source, chunkSize), ordered: false);

    /// <summary>Stops accepting work; the workers exit once the submitted work is done. Python: <c>close()</c>.</summary>
    public void Close()
    {
        using (MonitorScope.Enter(_sync))
        {
            if (_state == PoolState.Running)
            {
                _state = PoolState.Closed;
            }
        }

        _pool.Shutdown(cancelPending: false);
    }

    /// <summary>Kills the worker processes now and waits for them to go; results still pending never arrive. Python: <c>terminate()</c>.</summary>
    public void Terminate()
    {
        using (MonitorScope.Enter(_sync))
        {
            _state = PoolState.Terminated;
        }

        _pool.Terminate();
        _pool.Join();
    }

    /// <summary>Waits for the worker processes to exit. Python: <c>join()</c>.</summary>
    /// <exception cref="InvalidOperationException">The pool is still running: call <see cref="Close"/> or <see cref="Terminate"/> first ("Pool is still running").</exception>
    public void Join()
    {
        using (MonitorScope.Enter(_sync))
        {
            if (_state == PoolState.Running)
            {
                throw new InvalidOperationException("Pool is still running: call Close() or Terminate() before Join().");
            }
        }

        _pool.Join();
    }

    /// <summary>Terminates the pool, as leaving Python's <c>with Pool()</c> block does.</summary>
    public void Dispose() => Terminate();

    /// <inheritdoc/>
    public override string ToString() => $"<ProcessPool processes={Processes} state={_state}>";

    private AsyncResult<TResult> Async<TResult>(Delegate function, object?[] arguments, Action<TResult>? callback, Action<Exception>? errorCallback) =>
        new(ProcessCalls.Submit<TResult>(_pool, function, arguments, NotRunning), callback, errorCallback);

    private List<Future<TResult[]>> Chunks<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, int chunkSize) =>
        ProcessCalls.SubmitChunks(_pool, function, source, chunkSize, NotRunning);
}
