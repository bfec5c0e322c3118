using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A count of permits with an Interlocked fast path and a FIFO of parked takers: the engine of
/// <see cref="PrimitiveLock"/>, <see cref="ReentrantLock"/>, <see cref="CountingSemaphore"/> and
/// <see cref="BoundedSemaphore"/> (a lock is a semaphore of one permit that any thread may give back,
/// as in CPython). All the cleverness of those types lives here.
/// </summary>
/// <remarks>
/// <para>Embedded as a mutable struct field (never copied): the fast path touches one int of the
/// owning object, with no extra indirection.</para>
/// <para>Protocol. A taker that misses registers in <see cref="_waiters"/> (Interlocked), then, under
/// the queue's monitor, re-checks the permits and parks. A giver adds permits (Interlocked), then
/// reads <see cref="_waiters"/> and, if non-zero, signals under the queue's monitor. Interlocked
/// operations are totally ordered, so either the taker sees the permit or the giver sees the taker:
/// no lost wake-up. Woken takers compete with newcomers (barging, as CPython's Lock allows: it keeps
/// the lock busy instead of idle while a woken thread gets scheduled); a taker that loses goes back
/// to the queue. A taker that leaves without a permit (timeout, cancellation, interrupt) passes the
/// wake-up on if permits remain, so nothing is lost.</para>
/// </remarks>
internal struct PermitCore
{
    // Bounded spin before parking on a miss; spinning costs nothing under contention that
    // resolves quickly and saves a ~30 µs park/unpark round trip.
    private const int SpinIterations = 20;

    private int _permits;                 // Permits available now; never negative.
    private int _waiters;                 // Takers in the slow path (registered before re-checking).
    private readonly WaitQueue _queue;    // Parked takers. Its own monitor guards it; givers signal it.

    internal PermitCore(int initialPermits)
    {
        Debug.Assert(initialPermits >= 0, "Initial permits must not be negative.");
        _permits = initialPermits;
        _waiters = 0;
        _queue = new WaitQueue();
    }

    /// <summary>Permits available now (a snapshot).</summary>
    internal readonly int Permits => Volatile.Read(in _permits);

    /// <summary>Takers blocked or about to block (a snapshot, lock-free for debuggers and tests).</summary>
    internal readonly int Waiters => Volatile.Read(in _waiters);

    /// <summary>Takes one permit if one is available; never blocks.</summary>
    internal bool TryTake()
    {
        int permits = Volatile.Read(ref _permits);
        while (permits > 0)
        {
            int seen = Interlocked.CompareExchange(ref _permits, permits - 1, permits);
            if (seen == permits)
            {
                return true;
            }

            permits = seen;
        }

        return false;
    }

    /// <summary>Takes one permit, blocking until one is available, the deadline passes or the token is cancelled.</summary>
    /// <returns><c>true</c> if a permit was taken; <c>false</c> if the deadline passed.</returns>
    internal bool Take(Deadline deadline, CancellationToken cancellationToken)
    {
        if (TryTake())
        {
            return true;
        }

        if (deadline.IsImmediate)
        {
            return false;
        }

        return TakeSlow(deadline, cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="count"/> permits unless that would exceed <paramref name="max"/>, and wakes
    /// up to <paramref name="count"/> takers. Atomic: on refusal nothing changes.
    /// </summary>
    /// <returns><c>false</c> if the permits would exceed <paramref name="max"/> (nothing was added).</returns>
    internal bool TryGive(int count, int max)
    {
        Debug.Assert(count > 0, "Callers validate the release count.");
        int permits = Volatile.Read(ref _permits);
        while (true)
        {
            if (permits > max - count)
            {
                return false;
            }

            int seen = Interlocked.CompareExchange(ref _permits, permits + count, permits);
            if (seen == permits)
            {
                break;
            }

            permits = seen;
        }

        if (Volatile.Read(ref _waiters) > 0)
        {
            Wake(count);
        }

        return true;
    }

    private bool TakeSlow(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (SystematicHook.CurrentMode == WaitMode.Real && Environment.ProcessorCount > 1)
        {
            var spinner = default(SpinWait);
            for (int i = 0; i < SpinIterations; i++)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                if (Volatile.Read(ref _permits) > 0 && TryTake())
                {
                    return true;
                }
            }
        }

        Interlocked.Increment(ref _waiters);
        try
        {
            while (true)
            {
                Waiter waiter;
                using (MonitorScope.Enter(_queue))
                {
                    AssertInvariants();
                    if (TryTake())
                    {
                        return true;
                    }

                    waiter = _queue.Enqueue();
                }

                bool signaled;
                try
                {
                    signaled = waiter.Block(deadline, cancellationToken);
                }
                finally
                {
                    _queue.Depart(waiter);
                }

                if (!signaled)
                {
                    return TryTake(); // Timed out; a permit freed at the last moment still counts.
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);

            // Whoever leaves (with a permit, by timeout, cancellation or interrupt) may have
            // consumed a wake-up meant to let someone take a remaining permit: pass it on.
            if (Volatile.Read(ref _permits) > 0 && Volatile.Read(ref _waiters) > 0)
            {
                Wake(1);
            }
        }
    }

    private readonly void Wake(int count)
    {
        using (MonitorScope.Enter(_queue))
        {
            AssertInvariants();
            _queue.Signal(count);
        }
    }

    [Conditional("DEBUG")]
    private readonly void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_queue), "The permit queue's monitor must be held.");
        Debug.Assert(Volatile.Read(in _permits) >= 0, "Permits can never be negative.");
        Debug.Assert(_queue.Count <= Volatile.Read(in _waiters), "Every parked taker must be registered in _waiters.");
    }
}
