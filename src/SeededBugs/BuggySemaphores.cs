using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>Which mistake a <see cref="FlawedSemaphore"/> makes.</summary>
internal enum SemaphoreFlaw
{
    /// <summary>BoundedSemaphore's over-release check and update are two steps (check-then-act).</summary>
    NonAtomicBoundCheck,

    /// <summary>A timed-out acquire that was handed a permit at the same moment drops it.</summary>
    PermitLostOnTimeout,

    /// <summary>A cancelled acquire that was handed a permit at the same moment drops it.</summary>
    PermitLostOnCancellation,

    /// <summary>Release(n) wakes one waiter instead of n.</summary>
    ReleaseWakesOne,
}

/// <summary>
/// A semaphore with direct hand-off to waiters (the "permit travels with the wake-up" design) and
/// one seeded mistake.
/// </summary>
internal sealed class FlawedSemaphore(int initial, int bound, SemaphoreFlaw flaw) : ISemaphore
{
    private readonly object _sync = new();
    private readonly List<Slot> _waiters = []; // FIFO; guarded by _sync.
    private int _count = initial;

    public int CurrentCount => Volatile.Read(ref _count);

    public bool Acquire(TimeSpan timeout) => AcquireCore(Deadline.After(timeout), CancellationToken.None);

    public void Acquire(CancellationToken token) => AcquireCore(Deadline.Infinite, token);

    public void Release(int n = 1)
    {
        if (flaw == SemaphoreFlaw.NonAtomicBoundCheck)
        {
            int seen = Volatile.Read(ref _count);
            if (seen + n > bound)
            {
                throw new SemaphoreFullException("Semaphore released too many times");
            }

            Interlocked.Add(ref _count, n); // BUG: another release can pass the check in between.
            return;
        }

        lock (_sync)
        {
            for (int i = 0; i < n; i++)
            {
                if (_waiters.Count > 0)
                {
                    Slot slot = _waiters[0];
                    _waiters.RemoveAt(0);
                    lock (slot)
                    {
                        slot.Granted = true; // Hand the permit over directly.
                        Monitor.Pulse(slot);
                    }

                    if (flaw == SemaphoreFlaw.ReleaseWakesOne)
                    {
                        Volatile.Write(ref _count, _count + (n - i - 1)); // BUG: the rest go to the count, nobody else is woken.
                        return;
                    }
                }
                else
                {
                    Volatile.Write(ref _count, _count + 1);
                }
            }
        }
    }

    private bool AcquireCore(Deadline deadline, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var slot = new Slot();
        lock (_sync)
        {
            if (_count > 0)
            {
                Volatile.Write(ref _count, _count - 1);
                return true;
            }

            _waiters.Add(slot);
        }

        bool timedOut = false;
        OperationCanceledException? cancelled = null;
        lock (slot)
        {
            try
            {
                while (!slot.Granted)
                {
                    if (!TimedWait.Wait(slot, deadline, token))
                    {
                        timedOut = true;
                        break;
                    }
                }
            }
            catch (OperationCanceledException e)
            {
                cancelled = e;
            }
        }

        if (!timedOut && cancelled is null)
        {
            return true;
        }

        lock (_sync)
        {
            bool droppingAGrant = (timedOut && flaw == SemaphoreFlaw.PermitLostOnTimeout) ||
                                  (cancelled is not null && flaw == SemaphoreFlaw.PermitLostOnCancellation);
            if (slot.Granted && !droppingAGrant)
            {
                return true; // The permit arrived first: keep it.
            }

            // BUG (when droppingAGrant): a permit handed to this slot is simply forgotten.
            _waiters.Remove(slot);
        }

        if (cancelled is not null)
        {
            throw cancelled;
        }

        return false;
    }

    private sealed class Slot
    {
        public bool Granted;
    }
}
