using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Weave.Primitives;

/// <summary>What a queued work item that stands for many calls does when the executor drops it.</summary>
internal interface IAbandonable
{
    /// <summary>Shutdown(cancelFutures): the calls not started are cancelled.</summary>
    void Cancel();

    /// <summary>The pool broke: the calls not started fail with <paramref name="cause"/>.</summary>
    void Fail(Exception cause);
}

/// <summary>
/// The calls of one <see cref="ThreadPoolExecutor.Map{TSource, TResult}"/>: Python submits one future per item; this
/// keeps the same observable behaviour (everything scheduled at the call, results in input order, an exception
/// surfacing at its item, the calls not started cancelled when the iteration stops early or times out, cancelled
/// by Shutdown(cancelFutures), failed when the pool breaks) without a future, a work item and two closures per
/// item. A few runner work items — as many as the pool may have workers — claim items in order with one
/// <see cref="Interlocked"/> increment each and store each outcome in place; the consumer reads them in order and
/// parks only when the item it needs is not done.
/// </summary>
[DebuggerDisplay("Items = {_items.Length}, Claimed = {ClaimedForDebugger}")]
internal sealed class MapBatch<TSource, TResult> : IAbandonable
{
    private const int Pending = 0;
    private const int Done = 1;
    private const int Failed = 2;
    private const int Cancelled = 3;

    // Claims at or past this mean "stopped": nothing more starts (far below int.MaxValue, so late increments never wrap).
    private const int Stopped = int.MaxValue / 2;

    private readonly object _sync = new();

    // The consumer waits here for the item it needs; signalled by the runner that finishes that item, and by Cancel/Fail.
    private readonly MonitorCondition _outcome;

    private readonly Func<TSource, TResult> _function;
    private readonly TSource[] _items;
    private readonly TResult[] _results;
    private readonly int[] _states;               // Pending → Done | Failed | Cancelled, once.
    private readonly ExceptionDispatchInfo?[] _errors;
    private int _next;                            // The next item to claim; >= Stopped once stopped.
    private int _awaited = -1;                    // The item the consumer is parked for, or -1.

    internal MapBatch(Func<TSource, TResult> function, TSource[] items)
    {
        _function = function;
        _items = items;
        _results = new TResult[items.Length];
        _states = new int[items.Length];
        _errors = new ExceptionDispatchInfo?[items.Length];
        _outcome = new MonitorCondition(_sync);
    }

    internal int Count => _items.Length;

    private int ClaimedForDebugger => Math.Min(Volatile.Read(ref _next), _items.Length);

    /// <summary>
    /// A runner's work: claims items in order and runs each call (user code, no lock held), until none is left. An
    /// interrupt a call leaves pending is cleared (and reported) once the runner is done, not after every call: the
    /// only way to consume one costs a blocking call (~170 ns, more than a trivial mapped call), so a stray interrupt
    /// can reach the next call this runner makes, as it would any later blocking call of a plain thread; it never
    /// reaches the worker's idle wait or another Submit.
    /// </summary>
    internal void RunClaims()
    {
        while (true)
        {
            int i = Interlocked.Increment(ref _next) - 1;
            if (i >= _items.Length)
            {
                if (Interrupts.Clear())
                {
                    WorkerThread.ReportUnhandled(new ThreadInterruptedException(
                        "A mapped call left an interrupt pending on its executor worker; the worker cleared it and goes on."));
                }

                return; // All claimed, or stopped.
            }

            try
            {
                _results[i] = _function(_items[i]);
                Finish(i, Done);
            }
            catch (ThreadInterruptedException e)
            {
                _errors[i] = ExceptionDispatchInfo.Capture(e); // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
                Finish(i, Failed);
            }
            catch (Exception e)
            {
                _errors[i] = ExceptionDispatchInfo.Capture(e);
                Finish(i, Failed);
            }
        }
    }

    /// <summary>The outcome of item <paramref name="index"/>, waiting for it until <paramref name="deadline"/>.</summary>
    /// <exception cref="TimeoutException">The item did not finish in time.</exception>
    /// <exception cref="OperationCanceledException">The item was cancelled before it started.</exception>
    internal TResult Get(int index, Deadline deadline)
    {
        if (Volatile.Read(ref _states[index]) == Pending
            && !Waiter.SpinUntil((this, index), static s => Volatile.Read(ref s.Item1._states[s.index]) != Pending))
        {
            using (MonitorScope.Enter(_sync))
            {
                AssertInvariants();
                Interlocked.Exchange(ref _awaited, index); // A full fence: the runner that finishes it reads it after its own.
                try
                {
                    while (Volatile.Read(ref _states[index]) == Pending)
                    {
                        if (!_outcome.Wait(deadline, CancellationToken.None) && Volatile.Read(ref _states[index]) == Pending)
                        {
                            throw new TimeoutException("The future did not finish within the timeout.");
                        }
                    }
                }
                finally
                {
                    _awaited = -1;
                }
            }
        }

        switch (Volatile.Read(ref _states[index]))
        {
            case Done:
                return _results[index];
            case Failed:
                _errors[index]!.Throw();
                throw new UnreachableException();
            default:
                throw new OperationCanceledException("The future was cancelled.");
        }
    }

    /// <summary>The results in input order; when the iteration stops early (an exception, a timeout, a break), the
    /// calls not yet started are cancelled, as Python's map cancels its remaining futures.</summary>
    internal IEnumerable<TResult> InOrder(Deadline deadline)
    {
        int next = 0;
        try
        {
            for (; next < _items.Length; next++)
            {
                yield return Get(next, deadline);
            }
        }
        finally
        {
            if (next < _items.Length)
            {
                Cancel();
            }
        }
    }

    /// <inheritdoc/>
    public void Cancel() => Stop(Cancelled, null);

    /// <inheritdoc/>
    public void Fail(Exception cause) => Stop(Failed, cause);

    // No item starts after this; those never claimed end as `outcome`. Claimed ones finish normally.
    private void Stop(int outcome, Exception? cause)
    {
        int claimed = Interlocked.Exchange(ref _next, Stopped);
        if (claimed >= _items.Length)
        {
            return; // Everything was claimed (or it was stopped before).
        }

        for (int i = claimed; i < _items.Length; i++)
        {
            if (cause is not null)
            {
                _errors[i] = ExceptionDispatchInfo.Capture(cause);
            }

            Volatile.Write(ref _states[i], outcome);
        }

        using (MonitorScope.Enter(_sync)) // Uninterruptible: the consumer must hear of it.
        {
            AssertInvariants();
            _outcome.NotifyAll();
        }
    }

    private void Finish(int index, int outcome)
    {
        Interlocked.Exchange(ref _states[index], outcome); // A full fence before reading _awaited (the consumer's mirror).
        if (Volatile.Read(ref _awaited) == index)
        {
            using (MonitorScope.Enter(_sync)) // Uninterruptible: a lost notification would strand the consumer.
            {
                AssertInvariants();
                _outcome.NotifyAll();
            }
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "Invariants are checked under the batch's lock.");
        Debug.Assert(_awaited >= -1 && _awaited < _items.Length, "The awaited item is an item or none.");
    }
}
