using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// Runs submitted work on a pool of threads and returns futures: Python's
/// <c>concurrent.futures.ThreadPoolExecutor</c>.
/// </summary>
/// <remarks>
/// <para>Built as CPython's: a <see cref="SimpleQueue{T}"/> of work items, worker threads started lazily
/// (never more than <c>maxWorkers</c>, idle ones reused first), a shutdown sentinel. Workers are
/// <see cref="WorkerThread"/>s, not the .NET thread pool, so Weave.Harness's systematic tests control
/// them. They are daemon (background) threads: call <see cref="Shutdown"/> or <see cref="Dispose"/>
/// to be sure queued work finishes before the process exits.</para>
/// <para>If the initializer throws, the pool is broken: pending futures fail and later submits throw
/// <see cref="BrokenExecutorException"/>.</para>
/// <para>Interrupts: a worker never dies of one. An interrupt that reaches an idle worker, or that a task leaves pending, is cleared and reported through <see cref="WorkerThread.UnhandledException"/>, and the worker goes on (<see cref="ThreadCount"/> stays exact). <see cref="Shutdown"/> with <c>wait</c> finishes waiting and keeps an interrupt pending. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Threads = {ThreadCount}/{MaxWorkers}, ShutDown = {_shutdown}")]
public sealed class ThreadPoolExecutor : IDisposable
{
    private static int s_executorCount;

    private readonly object _sync = new();
    private readonly SimpleQueue<WorkItem?> _workQueue = new(); // null is the shutdown sentinel.

    // Released by a worker each time it finds no work and is about to block: a permit means an idle
    // worker exists, so Submit need not start another (CPython's _idle_semaphore).
    private readonly CountingSemaphore _idle = new(0);

    private readonly List<WorkerThread> _threads = []; // Guarded by _sync.
    private readonly HashSet<IAbandonable> _maps = []; // Map batches with calls not yet started; guarded by _sync.
    private readonly string _threadNamePrefix;
    private readonly Action? _initializer;
    private bool _shutdown;                            // Guarded by _sync.
    private string? _broken;                           // Why the pool is broken; guarded by _sync.

    /// <summary>Creates an executor. Python: <c>ThreadPoolExecutor(max_workers, thread_name_prefix, initializer)</c>.</summary>
    /// <param name="maxWorkers">The most threads it starts; null gives min(32, processors + 4).</param>
    /// <param name="threadNamePrefix">Thread names are <c>{prefix}_{i}</c>; null gives <c>ThreadPoolExecutor-N</c>.</param>
    /// <param name="initializer">Run first by each worker thread; if it throws, the pool is broken.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is zero or less.</exception>
    public ThreadPoolExecutor(int? maxWorkers = null, string? threadNamePrefix = null, Action? initializer = null)
    {
        if (maxWorkers is int max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxWorkers));
        }

        MaxWorkers = maxWorkers ?? Math.Min(32, Environment.ProcessorCount + 4);
        _threadNamePrefix = threadNamePrefix ?? $"ThreadPoolExecutor-{Interlocked.Increment(ref s_executorCount) - 1}";
        _initializer = initializer;
    }

    /// <summary>The most worker threads this executor starts.</summary>
    public int MaxWorkers { get; }

    /// <summary>Worker threads started so far.</summary>
    public int ThreadCount
    {
        get
        {
            using (MonitorScope.Enter(_sync))
            {
                return _threads.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="function"/> and returns its future. Python: <c>submit(fn)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The executor was shut down ("cannot schedule new futures after shutdown").</exception>
    /// <exception cref="BrokenExecutorException">A thread initializer failed.</exception>
    public Future<T> Submit<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var future = new Future<T>();
        Schedule(new WorkItem(future, () => future.SetResult(function())));
        return future;
    }

    /// <summary>Schedules <paramref name="action"/> and returns its future. Python: <c>submit(fn)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">A thread initializer failed.</exception>
    public Future Submit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var future = new Future();
        Schedule(new WorkItem(future, () =>
        {
            action();
            future.SetResult();
        }));
        return future;
    }

    /// <summary>
    /// Applies <paramref name="function"/> to every item, submitting all of them now, and yields the
    /// results in input order. One deadline, counted from this call, covers the iteration; if a call
    /// throws (its exception surfaces at its position) or the deadline passes
    /// (<see cref="TimeoutException"/>), the remaining futures are cancelled. Python: <c>map(fn, *iterables, timeout)</c>.
    /// </summary>
    /// <remarks>Calls not started when the iteration stops early, or when <c>Shutdown(cancelFutures: true)</c> runs,
    /// are cancelled: reaching one throws <see cref="OperationCanceledException"/>. The calls are run by a few work
    /// items that take the items in order (no future is allocated per item); what you can observe is Python's.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    public IEnumerable<TResult> Map<TSource, TResult>(Func<TSource, TResult> function, IEnumerable<TSource> source, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(source);
        Deadline deadline = timeout is TimeSpan t ? Deadline.After(t, nameof(timeout)) : Deadline.Infinite;
        TSource[] items = [.. source]; // Everything is scheduled now (bpo-11777), so the items are read now.
        if (items.Length == 0)
        {
            return [];
        }

        // One batch, a few runners (as many as the pool may have workers) instead of one future per item.
        // Shutdown(cancelFutures) and a broken pool reach its calls not started through _maps, running runners or not.
        var batch = new MapBatch<TSource, TResult>(function, items);
        int runners = Math.Min(items.Length, MaxWorkers);
        using (MonitorScope.Enter(_sync))
        {
            ThrowIfUnusableLocked();
            _maps.Add(batch);
            for (int r = 0; r < runners; r++)
            {
                var runner = new Future(); // Internal: a runner in the queue is dropped like a future.
                _workQueue.Put(new WorkItem(runner, () =>
                {
                    batch.RunClaims();
                    Forget(batch); // Every call has started: nothing left to cancel.
                    runner.SetResult();
                }));
                AdjustThreadCountLocked();
            }
        }

        return batch.InOrder(deadline);
    }

    /// <summary>
    /// Stops accepting work; with <paramref name="cancelFutures"/> cancels the work still queued; with
    /// <paramref name="wait"/> blocks until the running and queued work is done and the threads have
    /// exited. Calling it again is harmless. Python: <c>shutdown(wait, cancel_futures)</c>.
    /// </summary>
    public void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        WorkerThread[] threads;
        using (MonitorScope.Enter(_sync))
        {
            _shutdown = true;
            if (cancelFutures)
            {
                while (_workQueue.TryGet(out WorkItem? item))
                {
                    item?.Future.Cancel();
                }

                // Maps: every call not started is cancelled, as each would be a queued future in Python.
                foreach (IAbandonable map in _maps)
                {
                    map.Cancel();
                }

                _maps.Clear();
            }

            _workQueue.Put(null); // Wakes a worker, which passes the sentinel on before exiting.
            threads = [.. _threads];
        }

        if (wait)
        {
            foreach (WorkerThread thread in threads)
            {
                if (!ReferenceEquals(thread, WorkerThread.Current)) // A worker shutting its own pool down cannot join itself.
                {
                    JoinUninterruptibly(thread);
                }
            }
        }
    }

    /// <summary>Shuts the executor down and waits for its work: <c>Shutdown(wait: true)</c>, as Python's <c>with</c> block.</summary>
    public void Dispose() => Shutdown(wait: true);

    // Shutdown has taken effect by the time it waits, so an interrupt must not cut the wait short (the
    // caller would see a failure for a shutdown that happened): finish waiting, keep the interrupt pending.
    private static void JoinUninterruptibly(WorkerThread thread)
    {
        bool interrupted = false;
        while (true)
        {
            try
            {
                thread.Join();
                break;
            }
            catch (ThreadInterruptedException)
            {
                interrupted = true;
            }
        }

        if (interrupted)
        {
            Interrupts.Rearm();
        }
    }

    /// <summary>Workers that have announced they are idle and not yet been claimed by a Submit (tests wait on it).</summary>
    internal int IdleWorkers => _idle.CurrentCount;

    /// <inheritdoc/>
    public override string ToString() => $"<ThreadPoolExecutor threads={ThreadCount}/{MaxWorkers}{(_shutdown ? " shut down" : "")}>";

    private void Schedule(WorkItem item)
    {
        using (MonitorScope.Enter(_sync))
        {
            ThrowIfUnusableLocked();
            _workQueue.Put(item);
            AdjustThreadCountLocked();
        }
    }

    private void ThrowIfUnusableLocked()
    {
        if (_broken is not null)
        {
            throw new BrokenExecutorException(_broken);
        }

        if (_shutdown)
        {
            throw new InvalidOperationException("cannot schedule new futures after shutdown");
        }
    }

    private void AdjustThreadCountLocked()
    {
        if (_idle.TryAcquire() || _threads.Count >= MaxWorkers)
        {
            return; // An idle worker will take the item, or the pool is at its limit.
        }

        var thread = new WorkerThread(Work, name: $"{_threadNamePrefix}_{_threads.Count}", isDaemon: true);
        _threads.Add(thread);
        thread.Start();
    }

    private void Work()
    {
        if (_initializer is not null)
        {
            try
            {
                _initializer();
            }
            catch (ThreadInterruptedException e)
            {
                BreakPool(e); // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
                return;
            }
            catch (Exception e)
            {
                BreakPool(e);
                return;
            }
        }

        bool announcedIdle = false;
        while (true)
        {
            WorkItem? item;
            try
            {
                if (!_workQueue.TryGet(out item))
                {
                    if (!announcedIdle)
                    {
                        _idle.Release(); // About to block with nothing to do: available for reuse.
                        announcedIdle = true;
                    }

                    item = _workQueue.Get();
                }
            }
            catch (ThreadInterruptedException e)
            {
                // Someone interrupted an idle worker: report it and keep serving (a worker never dies of an
                // interrupt, so ThreadCount stays exact and the next future runs). Nothing was taken.
                WorkerThread.ReportUnhandled(e);
                continue;
            }

            announcedIdle = false;
            if (item is null)
            {
                _workQueue.Put(null); // Pass the sentinel on to the next worker, then exit.
                return;
            }

            item.Run(); // User code: no executor lock is held here.
            if (Interrupts.Clear())
            {
                WorkerThread.ReportUnhandled(new ThreadInterruptedException(
                    "A task left an interrupt pending on its executor worker; the worker cleared it and goes on."));
            }
        }
    }

    private void BreakPool(Exception cause)
    {
        var failed = new List<WorkItem>();
        using (MonitorScope.Enter(_sync))
        {
            _broken = "A thread initializer failed, the thread pool is not usable anymore.";
            foreach (IAbandonable map in _maps)
            {
                map.Fail(new BrokenExecutorException(_broken, cause));
            }

            _maps.Clear();
            while (_workQueue.TryGet(out WorkItem? item))
            {
                if (item is not null)
                {
                    failed.Add(item);
                }
            }

            _workQueue.Put(null); // Let the other workers exit.
        }

        foreach (WorkItem item in failed)
        {
            if (item.Future.SetRunningOrNotifyCancel())
            {
                item.Future.SetException(new BrokenExecutorException(_broken!, cause));
            }
        }
    }

    private void Forget(IAbandonable map)
    {
        using (MonitorScope.Enter(_sync))
        {
            _maps.Remove(map);
        }
    }

    /// <summary>A submitted call and its future (or a map's runner and an internal future).</summary>
    private sealed class WorkItem(Future future, Action runAndSetResult)
    {
        public Future Future { get; } = future;

        public void Run()
        {
            if (!Future.SetRunningOrNotifyCancel())
            {
                return; // Cancelled while queued.
            }

            try
            {
                runAndSetResult();
            }
            catch (ThreadInterruptedException e)
            {
                Future.SetException(e); // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
            }
            catch (Exception e)
            {
                Future.SetException(e);
            }
        }
    }
}
