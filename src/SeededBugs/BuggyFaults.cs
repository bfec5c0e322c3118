using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

// Primitives that get the normal paths right and one fault path wrong: an interrupt or a cancellation that
// lands in the wrong place loses, duplicates or half-applies something. Each is modelled on a mistake Weave's
// own primitives made before issue 14 (a contended C# lock in a signalling path throws on an interrupted
// thread) or on the classic fault-handling mistakes of hand-off designs. They block through Weave's public
// seam (TimedWait, Interrupts), so ExploreInterrupts and ExploreCancellation reach them.

/// <summary>
/// A parked thread, as Weave's wait queue builds one: the waker marks it signalled and pulses its monitor.
/// A waker that enters that monitor with <see cref="Interrupts.Enter"/> (C#'s <c>lock</c>) can throw after it
/// chose the waiter and before it signalled it: the seeded bug of several types below.
/// </summary>
internal sealed class Parked
{
    private bool _signaled;  // Guarded by this.
    private bool _abandoned; // Guarded by this: the waiter gave up (interrupt, cancellation) before a signal.

    /// <summary>A value handed over with the signal (an item, a permit).</summary>
    public int Value { get; private set; }

    /// <summary>Wakes the parked thread unless it gave up. <paramref name="interruptible"/>: the bug.</summary>
    public bool TrySignal(bool interruptible, int value = 0)
    {
        if (interruptible)
        {
            Interrupts.Enter(this); // BUG in the callers that pass true: throws on an interrupted thread.
        }
        else
        {
            Interrupts.EnterUninterruptibly(this);
        }

        try
        {
            if (_abandoned)
            {
                return false;
            }

            _signaled = true;
            Value = value;
            Monitor.Pulse(this);
            return true;
        }
        finally
        {
            Monitor.Exit(this);
        }
    }

    /// <summary>Waits for the signal; an interrupt or cancellation before it abandons the node and throws.</summary>
    public void Park(CancellationToken token = default)
    {
        Interrupts.EnterUninterruptibly(this);
        try
        {
            while (!_signaled)
            {
                try
                {
                    TimedWait.Wait(this, Timeout.InfiniteTimeSpan, token);
                }
                catch (ThreadInterruptedException)
                {
                    // Typed catches: under Coyote's rewriting catch (Exception) never sees an interrupt.
                    if (_signaled)
                    {
                        Interrupts.Rearm(); // The signal came first: completion wins.
                        return;
                    }

                    _abandoned = true;
                    throw;
                }
                catch (OperationCanceledException)
                {
                    if (_signaled)
                    {
                        return;
                    }

                    _abandoned = true;
                    throw;
                }
            }
        }
        finally
        {
            Monitor.Exit(this);
        }
    }
}

/// <summary>A queue whose put stores the item, then wakes a getter through an interruptible lock.</summary>
internal sealed class SignalAfterStoreQueue : IFaultQueue
{
    private const int AbandonedValue = int.MinValue;
    private readonly object _sync = new();
    private bool _abandoned;
    private readonly Queue<int> _items = new();
    private readonly Queue<Parked> _getters = new();

    public void Put(int item)
    {
        lock (_sync)
        {
            _items.Enqueue(item); // The effect...
            while (_getters.TryDequeue(out Parked? getter))
            {
                if (getter.TrySignal(interruptible: true)) // ...then a throw here: "not put", yet delivered.
                {
                    break;
                }
            }
        }
    }

    public int Get(CancellationToken token)
    {
        while (true)
        {
            Parked parked;
            lock (_sync)
            {
                if (_items.TryDequeue(out int item))
                {
                    return item;
                }

                if (_abandoned)
                {
                    throw new QueueShutDownException();
                }

                parked = new Parked();
                _getters.Enqueue(parked);
            }

            parked.Park(token);
        }
    }

    public bool TryGetNow(out int item)
    {
        lock (_sync)
        {
            return _items.TryDequeue(out item);
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    public void Abandon()
    {
        lock (_sync)
        {
            _abandoned = true;
            while (_getters.TryDequeue(out Parked? getter))
            {
                getter.TrySignal(interruptible: false, AbandonedValue);
            }
        }
    }
}

/// <summary>A queue that hands an item straight to a parked getter; a getter cancelled after the hand-off drops it.</summary>
internal sealed class HandOffDroppingQueue : IFaultQueue
{
    private const int AbandonedValue = int.MinValue;
    private readonly object _sync = new();
    private bool _abandoned;
    private readonly Queue<int> _items = new();
    private readonly Queue<Parked> _getters = new();

    public void Put(int item)
    {
        lock (_sync)
        {
            while (_getters.TryDequeue(out Parked? getter))
            {
                if (getter.TrySignal(interruptible: false, item))
                {
                    return; // Handed over.
                }
            }

            _items.Enqueue(item);
        }
    }

    public int Get(CancellationToken token)
    {
        Parked parked;
        lock (_sync)
        {
            if (_items.TryDequeue(out int item))
            {
                return item;
            }

            if (_abandoned)
            {
                throw new QueueShutDownException();
            }

            parked = new Parked();
            _getters.Enqueue(parked);
        }

        // BUG: the cancellation is checked after the wait, so a get that was handed the item as its token was
        // cancelled throws and the item is gone. (Completion must win.)
        parked.Park(token);
        token.ThrowIfCancellationRequested();
        return parked.Value != AbandonedValue ? parked.Value : throw new QueueShutDownException();
    }

    public bool TryGetNow(out int item)
    {
        lock (_sync)
        {
            return _items.TryDequeue(out item);
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    public void Abandon()
    {
        lock (_sync)
        {
            _abandoned = true;
            while (_getters.TryDequeue(out Parked? getter))
            {
                getter.TrySignal(interruptible: false, AbandonedValue);
            }
        }
    }
}

/// <summary>A lock whose release unlocks, then wakes a waiter through an interruptible lock.</summary>
internal sealed class WakeAfterUnlockLock : IFaultLock
{
    private readonly object _sync = new();
    private readonly Queue<Parked> _waiters = new();
    private bool _locked;

    public void Acquire()
    {
        while (true)
        {
            Parked parked;
            lock (_sync)
            {
                if (!_locked)
                {
                    _locked = true;
                    return;
                }

                parked = new Parked();
                _waiters.Enqueue(parked);
            }

            parked.Park();
        }
    }

    public void Release()
    {
        lock (_sync)
        {
            if (!_locked)
            {
                throw new SynchronizationLockException("cannot release un-acquired lock");
            }

            _locked = false; // Unlocked...
            while (_waiters.TryDequeue(out Parked? waiter))
            {
                if (waiter.TrySignal(interruptible: true)) // ...then a throw: the caller thinks it still holds it.
                {
                    break;
                }
            }
        }
    }
}

/// <summary>An event whose set raises the flag, then wakes the waiters through an interruptible lock.</summary>
internal sealed class WakeAfterFlagEvent : IFaultEvent
{
    private readonly object _sync = new();
    private readonly List<Parked> _waiters = [];
    private volatile bool _flag;

    public bool IsSet => _flag;

    public void Set()
    {
        lock (_sync)
        {
            _flag = true;
            foreach (Parked waiter in _waiters)
            {
                waiter.TrySignal(interruptible: true); // BUG: a throw leaves the rest asleep, and Set "failed".
            }

            _waiters.Clear();
        }
    }

    public bool Wait()
    {
        Parked parked;
        lock (_sync)
        {
            if (_flag)
            {
                return true;
            }

            parked = new Parked();
            _waiters.Add(parked);
        }

        parked.Park();
        return true;
    }
}

/// <summary>A condition whose notify takes a waiter off the queue, then signals it through an interruptible lock.</summary>
internal sealed class NotifyDroppingCondition : IFaultCondition
{
    private readonly PrimitiveLock _lock = new();
    private readonly object _sync = new();
    private readonly Queue<Parked> _waiters = new();

    public void Acquire() => _lock.Acquire();

    public void Release() => _lock.Release();

    public void Wait()
    {
        var parked = new Parked();
        lock (_sync)
        {
            _waiters.Enqueue(parked);
        }

        _lock.Release();
        try
        {
            parked.Park();
        }
        finally
        {
            Reacquire(); // Right, as Weave's Condition does: this type's one bug is in Notify.
        }
    }

    private void Reacquire()
    {
        bool interrupted = false;
        while (true)
        {
            try
            {
                _lock.Acquire();
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

    public void Notify()
    {
        lock (_sync)
        {
            while (_waiters.TryDequeue(out Parked? waiter))
            {
                if (waiter.TrySignal(interruptible: true)) // BUG: dequeued, then a throw: the notification is lost.
                {
                    return;
                }
            }
        }
    }
}

/// <summary>A semaphore that hands permits to parked waiters and forgets to withdraw a cancelled one.</summary>
internal sealed class GhostWaiterSemaphore(int initial) : IFaultSemaphore
{
    private readonly object _sync = new();
    private readonly Queue<Slot> _waiters = new();
    private int _count = initial;

    public int CurrentCount
    {
        get
        {
            lock (_sync)
            {
                return _count;
            }
        }
    }

    public void Acquire(CancellationToken token)
    {
        Slot slot;
        lock (_sync)
        {
            if (_count > 0)
            {
                _count--;
                return;
            }

            slot = new Slot();
            _waiters.Enqueue(slot);
        }

        lock (slot)
        {
            try
            {
                while (!slot.Granted)
                {
                    TimedWait.Wait(slot, Timeout.InfiniteTimeSpan, token);
                }
            }
            catch (OperationCanceledException) when (!slot.Granted)
            {
                // BUG: the slot stays queued; the next release grants its permit to nobody.
                throw;
            }
        }
    }

    public void Release()
    {
        Slot? slot;
        lock (_sync)
        {
            if (!_waiters.TryDequeue(out slot))
            {
                _count++;
                return;
            }
        }

        lock (slot)
        {
            slot.Granted = true;
            Monitor.Pulse(slot);
        }
    }

    private sealed class Slot
    {
        public bool Granted;
    }
}

/// <summary>A barrier whose interrupted waiter leaves without withdrawing its arrival (a phantom party).</summary>
internal sealed class PhantomArrivalBarrier(int parties) : IFaultBarrier
{
    private readonly object _sync = new();
    private Generation _current = new();

    public int Wait()
    {
        Generation generation;
        Parked parked;
        int index;
        lock (_sync)
        {
            generation = _current;
            index = generation.Arrived++;
            if (index == parties - 1)
            {
                _current = new Generation();
                foreach (Parked waiter in generation.Waiters)
                {
                    waiter.TrySignal(interruptible: false);
                }

                return index;
            }

            parked = new Parked();
            generation.Waiters.Add(parked);
        }

        parked.Park(); // BUG: an interrupt here leaves generation.Arrived counting this thread.
        return index;
    }

    private sealed class Generation
    {
        public readonly List<Parked> Waiters = [];
        public int Arrived;
    }
}

/// <summary>A future whose completion stores the result, then wakes waiters through an interruptible lock.</summary>
internal sealed class WakeAfterStoreFuture : IFaultFuture
{
    private readonly object _sync = new();
    private readonly List<Parked> _waiters = [];
    private bool _done;
    private int _result;

    public bool IsDone
    {
        get
        {
            lock (_sync)
            {
                return _done;
            }
        }
    }

    public void SetResult(int value)
    {
        lock (_sync)
        {
            if (_done)
            {
                throw new InvalidOperationException("The future is already finished: its outcome cannot be set again.");
            }

            _result = value;
            _done = true;
            foreach (Parked waiter in _waiters)
            {
                waiter.TrySignal(interruptible: true); // BUG: a throw after the store: "failed", yet finished.
            }

            _waiters.Clear();
        }
    }

    public int Result()
    {
        Parked parked;
        lock (_sync)
        {
            if (_done)
            {
                return _result;
            }

            parked = new Parked();
            _waiters.Add(parked);
        }

        parked.Park();
        lock (_sync)
        {
            return _result;
        }
    }
}

/// <summary>A one-worker pool whose worker does not survive an interrupt in its idle wait.</summary>
internal sealed class FragileExecutor : IFaultExecutor
{
    private readonly SimpleQueue<Action?> _work = new();
    private readonly object _sync = new();
    private WorkerThread? _worker;

    public int ThreadCount
    {
        get
        {
            lock (_sync)
            {
                return _worker is null ? 0 : 1;
            }
        }
    }

    public Future<int> Submit(Func<int> function)
    {
        var future = new Future<int>();
        _work.Put(() =>
        {
            if (future.SetRunningOrNotifyCancel())
            {
                try
                {
                    future.SetResult(function());
                }
                catch (Exception e)
                {
                    future.SetException(e);
                }
            }
        });
        lock (_sync)
        {
            if (_worker is null)
            {
                _worker = new WorkerThread(Work, name: "fragile-worker", isDaemon: true);
                _worker.Start();
            }
        }

        return future;
    }

    public void Shutdown()
    {
        _work.Put(null);
        WorkerThread? worker;
        lock (_sync)
        {
            worker = _worker;
        }

        worker?.Join();
    }

    private void Work()
    {
        while (_work.Get() is Action item) // BUG: an interrupt in this idle wait ends the worker; ThreadCount still says 1.
        {
            item();
        }
    }
}
