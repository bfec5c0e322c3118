using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>Which mistake a <see cref="FlawedCondition"/> makes.</summary>
internal enum ConditionFlaw
{
    /// <summary>bpo-8799: the waiter releases the lock before it registers, so a notify in between is lost.</summary>
    RegisterAfterRelease,

    /// <summary>gh-92530: notify leaves signaled waiters in the list, so a later notify is spent on them.</summary>
    NotifyKeepsSignaledWaiters,

    /// <summary>Wait over an RLock releases one recursion level instead of all (a _release_save bug).</summary>
    ReleasesOneLevel,

    /// <summary>A wait cancelled just after it was notified throws and drops the notification.</summary>
    CancellationDropsNotification,
}

/// <summary>
/// A condition variable over a <see cref="ReentrantLock"/>, built as CPython's (a lock per waiter,
/// a FIFO of waiters), with one seeded mistake.
/// </summary>
internal sealed class FlawedCondition(ConditionFlaw flaw) : ICondition
{
    private readonly ReentrantLock _lock = new();
    private readonly List<Slot> _waiters = []; // Guarded by its own monitor.

    public void Acquire() => _lock.Acquire();

    public void Release() => _lock.Release();

    public bool Wait() => WaitCore(Deadline.Infinite, CancellationToken.None);

    public bool Wait(TimeSpan timeout) => WaitCore(Deadline.After(timeout), CancellationToken.None);

    public bool Wait(CancellationToken token) => WaitCore(Deadline.Infinite, token);

    public void Notify(int n = 1)
    {
        lock (_waiters)
        {
            int woken = 0;
            for (int i = 0; i < _waiters.Count && woken < n; i++)
            {
                Slot slot = _waiters[i];
                lock (slot)
                {
                    if (flaw == ConditionFlaw.NotifyKeepsSignaledWaiters)
                    {
                        slot.Signaled = true; // BUG: an already signaled slot still counts as woken,
                        Monitor.Pulse(slot);  // and signaled slots are never removed.
                        woken++;
                        continue;
                    }

                    if (!slot.Signaled && !slot.Gone)
                    {
                        slot.Signaled = true;
                        Monitor.Pulse(slot);
                        woken++;
                    }
                }
            }

            if (flaw != ConditionFlaw.NotifyKeepsSignaledWaiters)
            {
                _waiters.RemoveAll(s => s.Signaled || s.Gone);
            }
        }
    }

    public void NotifyAll() => Notify(int.MaxValue);

    private bool WaitCore(Deadline deadline, CancellationToken token)
    {
        var slot = new Slot();
        int depth = _lock.RecursionCount;
        if (flaw == ConditionFlaw.RegisterAfterRelease)
        {
            ReleaseLevels(depth);
            lock (_waiters)
            {
                _waiters.Add(slot); // BUG: registered after the lock was released.
            }
        }
        else
        {
            lock (_waiters)
            {
                _waiters.Add(slot);
            }

            ReleaseLevels(flaw == ConditionFlaw.ReleasesOneLevel ? 1 : depth); // BUG (ReleasesOneLevel).
        }

        bool signaled = false;
        try
        {
            lock (slot)
            {
                try
                {
                    while (!slot.Signaled)
                    {
                        if (!TimedWait.Wait(slot, deadline, token))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (slot.Signaled && flaw != ConditionFlaw.CancellationDropsNotification)
                {
                    // The notification came first: completion wins.
                }

                signaled = slot.Signaled;
                slot.Gone = !signaled;
            }

            return signaled;
        }
        finally
        {
            for (int i = 0; i < (flaw == ConditionFlaw.ReleasesOneLevel ? 1 : depth); i++)
            {
                _lock.Acquire();
            }

            if (flaw != ConditionFlaw.NotifyKeepsSignaledWaiters)
            {
                lock (_waiters)
                {
                    _waiters.Remove(slot);
                }
            }
        }
    }

    private void ReleaseLevels(int levels)
    {
        for (int i = 0; i < levels; i++)
        {
            _lock.Release();
        }
    }

    private sealed class Slot
    {
        public bool Signaled; // Guarded by the slot's monitor.
        public bool Gone;     // The waiter left without a signal.
    }
}
