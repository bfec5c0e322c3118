using System.Diagnostics;
using System.Text.Json;

namespace Weave.Primitives;

/// <summary>
/// The machinery under <see cref="ProcessPoolExecutor"/> and <see cref="ProcessPool"/>, built as the
/// seed's diagram of CPython's ProcessPoolExecutor:
/// <code>
///  Submit → work items (id → future, call) + work ids ─┐
///                                                     manager thread ─→ call queue (bounded) ─→ link thread i ⇄ worker process i
///  futures ← (results set by the manager) ←────────── result queue  ←──────────────────────────┘
/// </code>
/// The manager moves work ids to the call queue only while it has room (so a cancel can still
/// catch work that has not been sent), and completes futures from the result queue. Each worker
/// process has a link thread in this process that takes call items, sends them over its pipe and
/// posts the response. A worker that dies breaks the pool: every pending future fails with
/// <see cref="BrokenExecutorException"/> and the other workers are killed.
/// Futures are completed, and so their callbacks run, on the manager thread with no lock held.
/// </summary>
[DebuggerDisplay("Workers = {WorkerCount}, Pending = {_pendingWorkItems.Count}, ShutDown = {_shutdown}, Broken = {_broken != null}")]
internal sealed class ProcessWorkerPool
{
    internal const string BrokenMessage =
        "A process in the process pool was terminated abruptly while the future was running or pending.";

    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(10);

    private readonly object _sync = new();
    private readonly Dictionary<long, WorkItem> _pendingWorkItems = []; // Guarded by _sync.
    private readonly SimpleQueue<long> _workIds = new();

    // Taken by the link threads; put by the manager only, which never lets it fill up so its puts never block.
    // null tells a link thread to stop its worker.
    private readonly FifoQueue<CallItem?> _callQueue;

    // Taken by the manager; put by the link threads (results), by exiting workers, and by Submit,
    // Shutdown and Terminate (wake-ups).
    private readonly SimpleQueue<PoolEvent> _resultQueue = new();

    private readonly List<Link> _links = [];          // Guarded by _sync.
    private readonly string _name;
    private WorkerThread? _manager;                     // Guarded by _sync.
    private long _nextId;                               // Guarded by _sync.
    private bool _shutdown;                             // Guarded by _sync.
    private bool _terminating;                          // Guarded by _sync.
    private string? _broken;                            // Why the pool is broken; guarded by _sync.

    internal ProcessWorkerPool(int workers, string name)
    {
        Debug.Assert(workers > 0, "A pool has at least one worker.");
        WorkerCount = workers;
        _name = name;
        _callQueue = new FifoQueue<CallItem?>(workers + 1); // CPython: max_workers + EXTRA_QUEUED_CALLS.
    }

    internal int WorkerCount { get; }

    internal bool IsShutDown => Volatile.Read(ref _shutdown);

    internal string? Broken
    {
        get
        {
            using (MonitorScope.Enter(_sync))
            {
                return _broken;
            }
        }
    }

    /// <summary>The ids of the worker processes started so far (empty until the first submit).</summary>
    internal IReadOnlyList<int> ProcessIds
    {
        get
        {
            using (MonitorScope.Enter(_sync))
            {
                return [.. _links.Select(l => l.Worker.Id)];
            }
        }
    }

    /// <summary>Starts the worker processes and the manager now, instead of at the first submit.</summary>
    internal void Start()
    {
        using (MonitorScope.Enter(_sync))
        {
            StartLocked();
        }
    }

    /// <summary>Queues a call of <paramref name="target"/> per argument list; <paramref name="complete"/> sets the future from the results.</summary>
    /// <exception cref="BrokenExecutorException">A worker died.</exception>
    /// <exception cref="InvalidOperationException">The pool was shut down (<paramref name="shutDownMessage"/>).</exception>
    internal void Submit(Future future, CallTarget target, JsonElement[][] calls, Action<JsonElement[]> complete, string shutDownMessage)
    {
        using (MonitorScope.Enter(_sync))
        {
            if (_broken is not null)
            {
                throw new BrokenExecutorException(_broken);
            }

            if (_shutdown)
            {
                throw new InvalidOperationException(shutDownMessage);
            }

            StartLocked();
            long id = ++_nextId;
            _pendingWorkItems.Add(id, new WorkItem(future, target, calls, complete));
            _workIds.Put(id);
            AssertInvariants();
        }

        _resultQueue.Put(PoolEvent.WakeUp);
    }

    /// <summary>
    /// Stops accepting work; with <paramref name="cancelPending"/> cancels the work not yet sent to a
    /// worker. Workers exit once the remaining work is done. Python: <c>shutdown(wait=False, cancel_futures)</c>, <c>Pool.close()</c>.
    /// </summary>
    internal void Shutdown(bool cancelPending)
    {
        var toCancel = new List<Future>();
        using (MonitorScope.Enter(_sync))
        {
            _shutdown = true;
            if (cancelPending)
            {
                toCancel.AddRange(_pendingWorkItems.Values.Select(w => w.Future).Where(f => f.State == FutureState.Pending));
            }
        }

        foreach (Future future in toCancel)
        {
            future.Cancel(); // Outside the lock: cancelling runs the future's callbacks. Running ones refuse.
        }

        _resultQueue.Put(PoolEvent.WakeUp);
    }

    /// <summary>Kills the workers now; work not finished never completes. Python: <c>Pool.terminate()</c>.</summary>
    internal void Terminate()
    {
        Link[] links;
        using (MonitorScope.Enter(_sync))
        {
            _shutdown = true;
            _terminating = true;
            links = [.. _links];
        }

        foreach (Link link in links)
        {
            link.Worker.Kill();
        }

        _resultQueue.Put(PoolEvent.WakeUp);
    }

    /// <summary>Waits until the manager, the link threads and the worker processes are gone.</summary>
    internal void Join()
    {
        WorkerThread? manager;
        Link[] links;
        using (MonitorScope.Enter(_sync))
        {
            manager = _manager;
            links = [.. _links];
        }

        if (manager is not null && !ReferenceEquals(manager, WorkerThread.Current))
        {
            manager.Join();
        }

        foreach (Link link in links)
        {
            link.Thread.Join();
            link.Worker.WaitForExit(s_exitTimeout);
        }
    }

    private void StartLocked()
    {
        if (_manager is not null)
        {
            return;
        }

        for (int i = 0; i < WorkerCount; i++)
        {
            HostProcess worker = HostProcess.Start(w => _resultQueue.Put(new PoolEvent(PoolEventKind.WorkerExited, 0, null, w)));
            Link? link = null;
            var thread = new WorkerThread(() => RunLink(link!), name: $"{_name}-link-{worker.Id}", isDaemon: true);
            link = new Link(worker, thread);
            _links.Add(link);
            thread.Start();
        }

        _manager = new WorkerThread(Manage, name: $"{_name}-manager", isDaemon: true);
        _manager.Start();
    }

    /// <summary>A link thread: feeds one worker process from the call queue and posts its responses.</summary>
    private void RunLink(Link link)
    {
        try
        {
            link.Worker.WaitUntilConnected(s_connectTimeout);
        }
        catch (IOException e)
        {
            link.Worker.Kill();
            _resultQueue.Put(new PoolEvent(PoolEventKind.WorkerExited, 0, null, link.Worker, e));
            return;
        }

        while (true)
        {
            CallItem? call = _callQueue.Get();
            if (call is null)
            {
                link.Worker.RequestExit(s_exitTimeout);
                return;
            }

            try
            {
                WorkerResponse response = link.Worker.Call(new WorkerRequest(call.Id, call.Target, call.Calls));
                _resultQueue.Put(new PoolEvent(PoolEventKind.Result, call.Id, response, link.Worker));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or JsonException)
            {
                link.Worker.Kill();
                _resultQueue.Put(new PoolEvent(PoolEventKind.WorkerExited, call.Id, null, link.Worker, e));
                return;
            }
        }
    }

    /// <summary>The manager thread (CPython's executor manager thread).</summary>
    private void Manage()
    {
        while (true)
        {
            FeedCallQueue();
            PoolEvent e = _resultQueue.Get();
            if (e.Kind == PoolEventKind.Result)
            {
                WorkItem? item;
                using (MonitorScope.Enter(_sync))
                {
                    _pendingWorkItems.Remove(e.Id, out item);
                }

                item?.Complete(e.Response!); // Outside the lock: completing runs callbacks.
            }
            else if (e.Kind == PoolEventKind.WorkerExited && HandleWorkerExit(e))
            {
                return;
            }

            bool terminating, done;
            using (MonitorScope.Enter(_sync))
            {
                AssertInvariants();
                terminating = _terminating;
                done = _shutdown && _pendingWorkItems.Count == 0;
            }

            if (terminating)
            {
                StopLinks(kill: true);
                return;
            }

            if (done)
            {
                StopLinks(kill: false);
                return;
            }
        }
    }

    /// <summary>Moves work ids to the call queue while it has room, dropping work cancelled meanwhile.</summary>
    private void FeedCallQueue()
    {
        while (!_callQueue.IsFull && _workIds.TryGet(out long id))
        {
            WorkItem? item;
            using (MonitorScope.Enter(_sync))
            {
                _pendingWorkItems.TryGetValue(id, out item);
            }

            if (item is null)
            {
                continue;
            }

            if (item.Future.SetRunningOrNotifyCancel())
            {
                _callQueue.Put(new CallItem(id, item.Target, item.Calls)); // Never blocks: only this thread puts, and there is room.
            }
            else
            {
                using (MonitorScope.Enter(_sync))
                {
                    _pendingWorkItems.Remove(id); // Cancelled before it was sent.
                }
            }
        }
    }

    /// <returns>true when the manager should stop.</returns>
    private bool HandleWorkerExit(PoolEvent e)
    {
        List<WorkItem> failed;
        string message;
        using (MonitorScope.Enter(_sync))
        {
            if (_terminating)
            {
                return false; // Terminate killed it; the loop stops the rest.
            }

            if (_shutdown && _pendingWorkItems.Count == 0 && e.Id == 0)
            {
                return false; // An orderly exit after the last result.
            }

            message = BrokenMessage;
            _broken = message;
            failed = [.. _pendingWorkItems.Values];
            _pendingWorkItems.Clear();
        }

        StopLinks(kill: true);
        var cause = e.Cause ?? new IOException($"Worker process {e.Worker!.Id} exited with code {e.Worker.ExitCode?.ToString() ?? "unknown"}.");
        foreach (WorkItem item in failed)
        {
            if (item.Future.State != FutureState.Pending || item.Future.SetRunningOrNotifyCancel())
            {
                item.Future.SetException(new BrokenExecutorException(message, cause));
            }
        }

        return true;
    }

    /// <summary>Tells every link thread to stop (after the queued calls), killing the workers first when asked.</summary>
    private void StopLinks(bool kill)
    {
        Link[] links;
        using (MonitorScope.Enter(_sync))
        {
            links = [.. _links];
        }

        if (kill)
        {
            foreach (Link link in links)
            {
                link.Worker.Kill();
            }

            while (_callQueue.TryGet(out _))
            {
            }
        }

        foreach (Link _ in links)
        {
            _callQueue.TryPut(null); // Room for one per link: the queue holds workers + 1 and the manager was its only other producer.
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "Invariants are checked under the pool's lock.");
        Debug.Assert(_links.Count is 0 || _links.Count == WorkerCount, "Workers start all at once.");
        Debug.Assert(_broken is null || _pendingWorkItems.Count == 0, "A broken pool has failed all its pending work.");
        Debug.Assert(!_terminating || _shutdown, "A terminated pool is shut down.");
    }

    private enum PoolEventKind
    {
        WakeUp,
        Result,
        WorkerExited,
    }

    private sealed record PoolEvent(PoolEventKind Kind, long Id, WorkerResponse? Response, HostProcess? Worker, Exception? Cause = null)
    {
        internal static PoolEvent WakeUp { get; } = new(PoolEventKind.WakeUp, 0, null, null);
    }

    private sealed record CallItem(long Id, CallTarget Target, JsonElement[][] Calls);

    private sealed record Link(HostProcess Worker, WorkerThread Thread);

    private sealed class WorkItem(Future future, CallTarget target, JsonElement[][] calls, Action<JsonElement[]> complete)
    {
        public Future Future { get; } = future;

        public CallTarget Target { get; } = target;

        public JsonElement[][] Calls { get; } = calls;

        /// <summary>Sets the future from a worker's response (called on the manager thread, no lock held).</summary>
        public void Complete(WorkerResponse response)
        {
            try
            {
                if (response.Error is RemoteError error)
                {
                    Future.SetException(error.ToException());
                }
                else
                {
                    complete(response.Results!);
                }
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
            {
                Future.SetException(e); // The result could not be read back.
            }
        }
    }
}
