using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Weave.Primitives;

/// <summary>
/// The outcome of work that may not have happened yet: Python's <c>concurrent.futures.Future</c>.
/// This non-generic base is what <see cref="ThreadPoolExecutor.Submit(Action)"/> returns and what
/// <see cref="Futures.Wait"/> works on; <see cref="Future{T}"/> adds the result value.
/// </summary>
/// <remarks>
/// <para>A small state machine guarded by one lock: Pending → Running → Finished, or
/// Pending → Cancelled. Threads waiting for the outcome wait on one condition of that lock.</para>
/// <para>Done-callbacks and the waiters of <see cref="Futures.Wait"/> and
/// <see cref="Futures.AsCompleted"/> run after the lock is released, in the completing thread, in
/// the order they were added; a callback added to a done future runs at once on the caller. A
/// callback that throws is reported (<see cref="CallbackFailed"/>) and does not stop the others.</para>
/// <para>Interrupts and cancellation: an interrupted wait for the outcome has no effect; <c>SetResult</c>/<c>SetException</c>/<c>Cancel</c> never throw once the outcome is stored, and every waiter is woken. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("State = {State}")]
public class Future
{
    private readonly object _sync = new();

    // Threads in Result/Exception wait here; notified (all) when the future finishes or is cancelled.
    private readonly MonitorCondition _done;

    private volatile FutureState _state;
    private ExceptionDispatchInfo? _error;       // The callable's exception, with its stack.
    private List<Action>? _callbacks;            // Run (outside the lock) when done; guarded by _sync.
    private List<IFutureWaiter>? _waiters;       // Futures.Wait/AsCompleted; guarded by _sync.
    private Task? _task;                         // AsTask, created on first use.

    /// <summary>Creates a pending future (executors do; so may users who complete it themselves).</summary>
    public Future() => _done = new MonitorCondition(_sync);

    /// <summary>Raised when a done-callback throws. With no handler the exception is written to standard error.</summary>
    public static event EventHandler<FutureCallbackExceptionEventArgs>? CallbackFailed;

    /// <summary>The current state.</summary>
    public FutureState State => _state;

    /// <summary>True once finished or cancelled. Python: <c>done()</c>.</summary>
    public bool IsDone => _state is FutureState.Finished or FutureState.Cancelled;

    /// <summary>True while running. Python: <c>running()</c>.</summary>
    public bool IsRunning => _state == FutureState.Running;

    /// <summary>True once cancelled. Python: <c>cancelled()</c>.</summary>
    public bool IsCancelled => _state == FutureState.Cancelled;

    /// <summary>True when finished with an exception.</summary>
    internal bool Failed => _state == FutureState.Finished && Volatile.Read(ref _error) is not null;

    /// <summary>
    /// Cancels the future if it has not started. Python: <c>cancel()</c>.
    /// </summary>
    /// <returns><c>true</c> if the future is (now or already) cancelled; <c>false</c> if it is running or finished.</returns>
    public bool Cancel()
    {
        List<Action>? callbacks;
        List<IFutureWaiter>? waiters;
        using (MonitorScope.Enter(_sync))
        {
            if (_state is FutureState.Running or FutureState.Finished)
            {
                return false;
            }

            if (_state == FutureState.Cancelled)
            {
                return true;
            }

            _state = FutureState.Cancelled;
            (callbacks, waiters) = TakeListenersLocked();
        }

        Announce(callbacks, waiters);
        return true;
    }

    /// <summary>
    /// Marks a pending future running, or reports that it was cancelled; called by an executor just
    /// before it runs the work. Python: <c>set_running_or_notify_cancel()</c>.
    /// </summary>
    /// <returns><c>true</c> if the work should run; <c>false</c> if the future was cancelled.</returns>
    /// <exception cref="InvalidOperationException">The future is already running or finished.</exception>
    public bool SetRunningOrNotifyCancel()
    {
        using (MonitorScope.Enter(_sync))
        {
            switch (_state)
            {
                case FutureState.Pending:
                    _state = FutureState.Running;
                    return true;
                case FutureState.Cancelled:
                    return false;
                default:
                    throw new InvalidOperationException($"Future in unexpected state: {_state}.");
            }
        }
    }

    /// <summary>Finishes the future without a value (for work that returns nothing).</summary>
    /// <exception cref="InvalidOperationException">The future is already done.</exception>
    public void SetResult() => Complete(error: null, storeResult: null);

    /// <summary>Finishes the future with the exception the work threw. Python: <c>set_exception()</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The future is already done.</exception>
    public void SetException(System.Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Complete(ExceptionDispatchInfo.Capture(exception), storeResult: null);
    }

    /// <summary>Waits until the future is done, then rethrows the work's exception, if any. Python: <c>result()</c>.</summary>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public void Result() => WaitAndThrow(Deadline.Infinite);

    /// <summary>Waits at most <paramref name="timeout"/> for the future, then rethrows the work's exception, if any.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="TimeoutException">Not done when the timeout passed.</exception>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public void Result(TimeSpan timeout) => WaitAndThrow(Deadline.After(timeout));

    /// <summary>Waits until the future is done and returns the work's exception, or null. Python: <c>exception()</c>.</summary>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public System.Exception? Exception() => ExceptionCore(Deadline.Infinite);

    /// <summary>Waits at most <paramref name="timeout"/> and returns the work's exception, or null.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="TimeoutException">Not done when the timeout passed.</exception>
    /// <exception cref="OperationCanceledException">The future was cancelled.</exception>
    public System.Exception? Exception(TimeSpan timeout) => ExceptionCore(Deadline.After(timeout));

    /// <summary>
    /// Calls <paramref name="callback"/> with this future once it is done (at once, on this thread,
    /// if it already is). Python: <c>add_done_callback()</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public void AddDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddCallbackCore(() => callback(this));
    }

    /// <summary>A task that completes with the future: awaiting it rethrows the work's exception, or throws
    /// <see cref="TaskCanceledException"/> if the future was cancelled.</summary>
    public Task AsTask() => TaskCore();

    /// <summary>Lets <c>await future</c> work.</summary>
    public TaskAwaiter GetAwaiter() => AsTask().GetAwaiter();

    /// <inheritdoc/>
    public override string ToString() => _state switch
    {
        FutureState.Finished when Volatile.Read(ref _error) is { } error => $"<{Name} state=finished raised {error.SourceException.GetType().Name}>",
        FutureState.Finished => $"<{Name} state=finished{ResultDescription}>",
        FutureState.Cancelled => $"<{Name} state=cancelled>",
        FutureState.Running => $"<{Name} state=running>",
        _ => $"<{Name} state=pending>",
    };

    /// <summary>" returned int", as in Python's repr; empty for a future without a value.</summary>
    private protected virtual string ResultDescription => "";

    private string Name => GetType().Name.Split('`')[0];

    /// <summary>Registers a waiter of <see cref="Futures"/>; if the future is already done the waiter is told at once.</summary>
    internal void AddWaiter(IFutureWaiter waiter)
    {
        using (MonitorScope.Enter(_sync))
        {
            if (!IsDone)
            {
                (_waiters ??= []).Add(waiter);
                return;
            }
        }

        waiter.OnDone(this);
    }

    internal void RemoveWaiter(IFutureWaiter waiter)
    {
        using (MonitorScope.Enter(_sync))
        {
            _waiters?.Remove(waiter);
        }
    }

    /// <summary>Waits for the future under one shared deadline (Map's).</summary>
    internal void WaitAndThrow(Deadline deadline)
    {
        if (!WaitDone(deadline))
        {
            throw new TimeoutException("The future did not finish within the timeout.");
        }

        if (IsCancelled)
        {
            throw new OperationCanceledException("The future was cancelled.");
        }

        Volatile.Read(ref _error)?.Throw();
    }

    private protected void Complete(ExceptionDispatchInfo? error, Action? storeResult)
    {
        List<Action>? callbacks;
        List<IFutureWaiter>? waiters;
        using (MonitorScope.Enter(_sync))
        {
            if (IsDone)
            {
                throw new InvalidOperationException($"The future is already {(_state == FutureState.Cancelled ? "cancelled" : "finished")}: its outcome cannot be set again.");
            }

            storeResult?.Invoke();
            _error = error;
            _state = FutureState.Finished;
            (callbacks, waiters) = TakeListenersLocked();
        }

        Announce(callbacks, waiters);
    }

    private protected void AddCallbackCore(Action callback)
    {
        using (MonitorScope.Enter(_sync))
        {
            if (!IsDone)
            {
                (_callbacks ??= []).Add(callback);
                return;
            }
        }

        RunCallback(callback); // Already done: at once, on the caller, outside the lock.
    }

    private protected virtual Task CreateTask()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AddCallbackCore(() =>
        {
            if (IsCancelled)
            {
                source.TrySetCanceled();
            }
            else if (Volatile.Read(ref _error) is { } error)
            {
                source.TrySetException(error.SourceException);
            }
            else
            {
                source.TrySetResult();
            }
        });
        return source.Task;
    }

    private protected Task TaskCore()
    {
        Task? task = Volatile.Read(ref _task);
        if (task is null)
        {
            Task created = CreateTask();
            task = Interlocked.CompareExchange(ref _task, created, null) ?? created;
        }

        return task;
    }

    internal bool WaitDone(Deadline deadline)
    {
        if (IsDone)
        {
            return true;
        }

        using (MonitorScope.Enter(_sync))
        {
            while (!IsDone)
            {
                if (!_done.Wait(deadline, CancellationToken.None) && !IsDone)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private System.Exception? ExceptionCore(Deadline deadline)
    {
        if (!WaitDone(deadline))
        {
            throw new TimeoutException("The future did not finish within the timeout.");
        }

        return IsCancelled
            ? throw new OperationCanceledException("The future was cancelled.")
            : Volatile.Read(ref _error)?.SourceException;
    }

    private (List<Action>? Callbacks, List<IFutureWaiter>? Waiters) TakeListenersLocked()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "Listeners are taken under the future's lock.");
        Debug.Assert(IsDone, "Listeners are taken only once the future is done.");
        _done.NotifyAll();
        List<Action>? callbacks = _callbacks;
        List<IFutureWaiter>? waiters = _waiters;
        _callbacks = null;
        _waiters = null;
        return (callbacks, waiters);
    }

    // Outside the lock: user code (callbacks) never runs under it, and waiters take their own locks.
    private void Announce(List<Action>? callbacks, List<IFutureWaiter>? waiters)
    {
        if (waiters is not null)
        {
            foreach (IFutureWaiter waiter in waiters)
            {
                waiter.OnDone(this);
            }
        }

        if (callbacks is not null)
        {
            foreach (Action callback in callbacks)
            {
                RunCallback(callback);
            }
        }
    }

    private void RunCallback(Action callback)
    {
        try
        {
            callback();
        }
        catch (ThreadInterruptedException e)
        {
            ReportCallbackFailure(e); // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
        }
        catch (System.Exception e)
        {
            ReportCallbackFailure(e);
        }
    }

    private void ReportCallbackFailure(System.Exception e)
    {
        EventHandler<FutureCallbackExceptionEventArgs>? handlers = CallbackFailed;
        try
        {
            if (handlers is null)
            {
                Console.Error.WriteLine($"exception calling callback for {this}:{Environment.NewLine}{e}");
            }
            else
            {
                handlers(this, new FutureCallbackExceptionEventArgs(this, e));
            }
        }
        catch (System.Exception reportFailure)
        {
            Console.Error.WriteLine($"exception calling callback for {this}:{Environment.NewLine}{e}{Environment.NewLine}and in the CallbackFailed handler:{Environment.NewLine}{reportFailure}");
        }
    }
}
